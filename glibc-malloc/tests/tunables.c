/* Run with GLIBC_TUNABLES=glibc.malloc.perturb=N or MALLOC_PERTURB_=N (or neither): glibc fills each new allocation
   with N ^ 0xff and each freed one with N, and the standalone allocator reads the setting as the loader would. */
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: tunables EXPECTED-PERTURB-BYTE (0: none)\n");
      return 2;
    }
  int perturb = atoi (argv[1]);
  unsigned char *p = malloc (200);
  int filled = 1;
  for (int i = 0; i < 200; i++)
    filled &= p[i] == (unsigned char) (perturb ^ 0xff);
  if (perturb != 0)
    printf ("%s: a new allocation is filled with the perturb byte's complement\n", filled ? "PASS" : "FAIL");
  else
    printf ("%s: without the tunable a new allocation is not perturbed\n", !filled ? "PASS" : "FAIL");
  free (p);
  return perturb != 0 ? !filled : filled;
}
