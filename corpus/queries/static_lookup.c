/* Globals, statics, functions and string literals answer from the static allocator. */
#include <allocs.h>
#include <stdio.h>
#include "describe.h"

struct rec { char tag; double value; int counts[3]; };

struct rec table[4];
static int hidden[5] = { 1, 2, 3, 4, 5 };
const char *greeting = "hello, world";
int (*fnptr)(int);

static int twice(int x) { return 2 * x; }

int main(void)
{
  show("table[2].counts[1]", &table[2].counts[1]);
  // CHECK: table[2].counts[1]: static base+84 size 128 type __ARR4_rec
  show("hidden[4]", &hidden[4]);
  // CHECK: hidden[4]: static base+16 size 20 type __ARR5_int$32
  show("twice", (void *)twice);
  // CHECK: twice: static base+0 size {{[1-9][0-9]*}} type __FUN_FROM___ARG0_int$32__FUN_TO_int$32
  show("fnptr", &fnptr);
  // CHECK: fnptr: static base+0 size 8 type __PTR___FUN_FROM___ARG0_int$32__FUN_TO_int$32
  show("literal", greeting + 7);
  // CHECK: literal: static base+7 size 13 type __ARR13_signed_char$8
  show("printf", (void *)printf);
  /* libc's DWARF type when its debugging information is installed (libc6-dbg), else unknown. */
  // CHECK: printf: static base+0 size {{[1-9][0-9]*}} type {{\(unknown type\)|__FUN_FROM___ARG0___PTR_signed_char\$8__VA___FUN_TO_int\$32}}
  return twice(0);
}
