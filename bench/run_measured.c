/* run_measured.c: runs a command (its output discarded, and its diagnostics too when RUN_MEASURED_QUIET is set) and prints
 * its wall time in seconds and peak resident set in KiB, for bin/bench (GNU time is not on every machine). */
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  if (argc < 2)
  {
    fprintf(stderr, "usage: run_measured COMMAND [ARG...]\n");
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = fork();
  if (pid == 0)
  {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    if (getenv("RUN_MEASURED_QUIET"))
      dup2(null, 2);
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  int status;
  struct rusage usage;
  if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
    return 2;
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("%.4f %ld\n", (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9, usage.ru_maxrss);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
