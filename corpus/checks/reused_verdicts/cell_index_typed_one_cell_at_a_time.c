/* A page cache's pages: a header, then an index of 16-bit cell offsets, in blocks no allocation site types (their size is
 * computed at run time). Each cell is typed by the first cast to reach it (an inferred typing), in no particular order. Typings
 * of adjacent cells of one type are one array typing (checks/README.md, "Inferred typings"), checked cell by cell as separate
 * typings would be, so the runtime's verdict on one cell is reused for the others, in this page and the next, and a reused pass
 * caches one fact for every typed cell of its page. The cells are read as signed (the same type as far as checks go), so that the
 * cached facts of the casts that typed them do not answer the reads. A cast of another type inside the index re-types the cells
 * it overlaps, and no others. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "cached.h"

#define CELLS 64
#define HEADER 8

static void *(*allocate)(size_t) = malloc;

/* Types `cells` cells of the index (through one cast site), in a scrambled order. */
static void type_cells(unsigned char *page, unsigned cells)
{
  for (unsigned i = 0; i < cells; i++)
  {
    unsigned cell = (i * 37 + 5) % cells;
    uint16_t *c = (uint16_t *)(void *)(page + HEADER + 2 * cell);
    *c = (uint16_t)(4 * cell);
  }
}

/* A slot of a hash table whose slots the program types one at a time. */
struct slot
{
  uint32_t key;
  uint32_t value;
};

/* The one cast site of the reads below. */
static int16_t *cell_at(unsigned char *page, unsigned cell)
{
  return (int16_t *)(void *)(page + HEADER + 2 * cell);
}

/* The one cast site of the reads of values. */
static uint32_t *value_at(unsigned char *table, unsigned slot)
{
  return (uint32_t *)(void *)(table + HEADER + sizeof(struct slot) * slot + sizeof(uint32_t));
}

int main(int argc, char **argv)
{
  (void)argv;
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  size_t page_size = 512 * (size_t)argc;
  unsigned char *page = allocate(page_size), *second = allocate(page_size);
  type_cells(page, CELLS);
  long sum = *cell_at(page, 10);   /* the runtime's answer: a fact for this cell */
  printf("cell 63 cached %d\n", cached(page + HEADER + 2 * 63));
  // CHECK: cell 63 cached 0
  sum += *cell_at(page, 11);       /* its verdict, reused: a fact for every cell of the index */
  printf("cell 63 cached %d\n", cached(page + HEADER + 2 * 63));
  // CHECK: cell 63 cached 1
  for (unsigned cell = 0; cell < CELLS; cell++)
    sum += *cell_at(page, cell);
  printf("sum %ld\n", sum);
  // CHECK: sum 8148

  type_cells(second, 40);
  /* The same verdict (the second read makes sure: another verdict may have taken its slot in the table meanwhile): a fact for
   * the 40 typed cells. */
  sum = *cell_at(second, 3) + *cell_at(second, 4);
  printf("second page: cell 39 cached %d, cell 40 cached %d, sum %ld\n", cached(second + HEADER + 2 * 39),
    cached(second + HEADER + 2 * 40), sum);
  // CHECK: second page: cell 39 cached 1, cell 40 cached 0, sum 28

  uint32_t *word = (uint32_t *)(void *)(page + HEADER + 2 * 20);   /* re-types cells 20 and 21: unknown storage */
  *word = 0;
  sum = *cell_at(page, 19) + *cell_at(page, 18);                     /* cells 0 to 19 are still typed */
  printf("cell 0 cached %d, cell 22 cached %d\n", cached(page + HEADER), cached(page + HEADER + 2 * 22));
  // CHECK: cell 0 cached 1, cell 22 cached 0
  sum += *cell_at(page, 22);                                         /* and so are cells 22 to 63 */
  sum += *cell_at(page, 20);   /* a word here, as far as the casts say: re-typed again, unknown storage */
  sum += *cell_at(page, 21);   /* no typing left here: typed as a signed cell, joined with cell 20 (not 22: another type) */
  printf("cell 0 cached %d, sum %ld\n", cached(page + HEADER), sum);
  // CHECK: cell 0 cached 1, sum 236

  /* The same offset in each object, not the others: a fact about slots' values covers values only. (Past a header: a cast to
   * the block's base would type the whole block lazily.) */
  unsigned char *table = allocate(page_size);
  for (unsigned i = 0; i < 16; i++)
  {
    struct slot *s = (struct slot *)(void *)(table + HEADER + sizeof(struct slot) * ((i * 7) % 16));
    s->key = i;
    s->value = 10 * i;
  }
  sum = *value_at(table, 5);    /* the runtime's answer */
  sum += *value_at(table, 6);   /* reused: a fact for every value */
  /* (Slot 14 was typed third: the fact of the cast that typed it has left the cache since.) */
  printf("value of slot 14 cached %d, key of slot 14 cached %d, sum %ld\n",
    cached(table + HEADER + 14 * sizeof(struct slot) + 4), cached(table + HEADER + 14 * sizeof(struct slot)), sum);
  // CHECK: value of slot 14 cached 1, key of slot 14 cached 0, sum 130
  free(table);
  free(second);
  free(page);
  puts("done");
  // CHECK: done
  return 0;
}
// CHECK-NOT: runtime error
/* 64 + 40 cells typed (passes), 2 + 64 + 2 reads of typed cells, the word (unknown), the reads of cells 19, 18 and 22 (passes),
 * of cell 20 (unknown) and of cell 21 (a pass that types it); 16 slots typed and 2 values read (passes). */
// CHECK: liballocs: 196 checks begun: 194 passed ({{[0-9]+}} via cache), 0 failed, 2 unknown storage, 0 suppressed
// CHECK: liballocs: 123 inferred typings: objects in untyped heap memory typed by casts
// CHECK: liballocs: unknown storage by cause: 2 inferred type differs
