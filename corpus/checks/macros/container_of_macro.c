/* container_of as a macro: right uses pass; the wrong enclosing type is reported at the macro's use. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

struct hlist { struct hlist *next; };
struct inode { long ino; int mode; struct hlist hash; };      /* hash at 16 */
struct dentry { int flags; struct hlist hash; double age; };  /* hash at 8 */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct inode *ino = malloc(sizeof *ino);
  ino->ino = 42; ino->mode = 0644;
  struct dentry *de = malloc(sizeof *de);
  de->flags = 1;
  struct hlist *h1 = &ino->hash, *h2 = &de->hash;
  struct inode *back = container_of(h1, struct inode, hash);      /* silent */
  // CHECK-NOT: container_of_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct dentry *dback = container_of(h2, struct dentry, hash);   /* silent */
  // CHECK-NOT: container_of_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("ino %ld flags %d\n", back->ino, dback->flags);
  // CHECK: ino 42 flags 1
  struct dentry *wrong = container_of(h1, struct dentry, hash);   /* the bug: h1 is an inode's */
  // CHECK: container_of_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct dentry *' (is_a)
  // CHECK: is 8 bytes into a 'struct inode' heap allocation of 24 bytes; subobject at that offset: 'int'
  printf("wrong %s\n", (char *)wrong == (char *)ino + 8 ? "is 8 bytes in" : "?");
  // CHECK: wrong is 8 bytes in
  free(ino);
  free(de);
  puts("done");
  // CHECK: done
  return 0;
}
