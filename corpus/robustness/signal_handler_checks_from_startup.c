/* A signal handler that checks casts every millisecond for 2 s, from before the runtime is loaded (the program's first
 * cast loads it, and the handler interrupts that load), never hangs, and every cast the program performed is counted: the
 * summary's "checks begun" equals the casts made by the main loop and by the handler, interrupted checks included.
 * The work runs in a child whose stderr (the reports and the summary) comes back through a pipe; the parent is the
 * watchdog and compares the counts. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <allocs.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct point { int x, y; };

static struct point *shared;
static volatile sig_atomic_t handler_casts;
static volatile int sink;

static void on_alarm(int sig)
{
  (void)sig;
  struct point local = { 1, 2 };
  void *untyped_local = &local;
  void *untyped_heap = shared;
  struct point *a = untyped_local;                 /* checked: a local of the handler's frame */
  struct point *b = (struct point *)untyped_heap;  /* checked: a heap chunk */
  sink += a->x + b->y + (alloc_get_allocator(untyped_heap) != NULL);   /* a query too: unknown while main is in a check */
  handler_casts += 2;
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void work(void)
{
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read when the first check loads the runtime */
  sigset_t alarm_only, saved;
  sigemptyset(&alarm_only);
  sigaddset(&alarm_only, SIGALRM);
  shared = malloc(sizeof(struct point));
  shared->x = shared->y = 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } };
  setitimer(ITIMER_REAL, &every_ms, NULL);
  long main_casts = 0;
  double start = now();
  while (now() - start < 2.0)
  {
    /* malloc and free are not async-signal-safe, and the handler allocates (a local): masked around them only. */
    sigprocmask(SIG_BLOCK, &alarm_only, &saved);
    void *fresh = malloc(sizeof(struct point));
    sigprocmask(SIG_SETMASK, &saved, NULL);
    struct point *p = fresh;                         /* checked, interruptible; the first one loads the runtime */
    main_casts++;
    p->x = (int)main_casts;
    sink += p->x;
    sigprocmask(SIG_BLOCK, &alarm_only, &saved);
    free(fresh);
    sigprocmask(SIG_SETMASK, &saved, NULL);
  }
  struct itimerval off = { { 0, 0 }, { 0, 0 } };
  setitimer(ITIMER_REAL, &off, NULL);
  sigprocmask(SIG_BLOCK, &alarm_only, NULL);
  fprintf(stderr, "casts performed: %ld (%ld in the handler)\n", main_casts + handler_casts, (long)handler_casts);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int out[2];
  if (pipe(out) != 0)
    return 1;
  pid_t child = fork();
  if (child == 0)
  {
    dup2(out[1], 2);
    close(out[0]);
    close(out[1]);
    work();
    return 0;                                        /* the summary is printed at exit, into the pipe */
  }
  close(out[1]);
  static char text[1 << 16];
  size_t n = 0;
  struct pollfd pfd = { out[0], POLLIN, 0 };
  int waited = 0;
  for (;;)
  {
    int ready = poll(&pfd, 1, 1000);
    if (ready == 0 && ++waited == 20)
    {
      kill(child, SIGKILL);
      printf("child hung\n");
      break;
    }
    if (ready <= 0)
      continue;
    ssize_t got = read(out[0], text + n, sizeof text - 1 - n);
    if (got <= 0)
      break;
    n += (size_t)got;
  }
  text[n] = '\0';
  int status = 0;
  waitpid(child, &status, 0);
  printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  // CHECK: child exited 0
  long performed = -1, begun = -2;
  const char *c = strstr(text, "casts performed: ");
  const char *s = strstr(text, "liballocs: ");
  while (s && sscanf(s, "liballocs: %ld checks begun", &begun) != 1)
    s = strstr(s + 1, "liballocs: ");
  if (c)
    sscanf(c, "casts performed: %ld", &performed);
  printf("every cast counted: %s\n", performed > 0 && performed == begun ? "yes" : "no");
  // CHECK: every cast counted: yes
  if (performed != begun)
    printf("--- the child's stderr:\n%s", text);
  // CHECK-NOT: runtime error
  printf("done\n");
  // CHECK: done
  return 0;
}
