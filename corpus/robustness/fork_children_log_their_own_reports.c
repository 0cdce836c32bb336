/* Under log_path, each process writes its own PATH.<pid>, also the children of a process that had already written a report
 * (they inherit its open log) and an image exec'd after a report: nothing is overwritten or interleaved. A child's summary
 * counts only what it did after the fork. A watcher process (which checks nothing) runs the test and reads the logs. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 50

struct node { struct node *next; int value; };
struct other { double weight; };

static char dir[] = "/tmp/liballocs-fork-XXXXXX";

static void bad_cast(void *p)
{
  struct other *o = p;                               /* the report every process writes first */
  (void)o;
}

static void exec_image_cast(void *p)
{
  struct other *o = p;                               /* the exec'd image's own report */
  (void)o;
}

static void parent_last_cast(void *p)
{
  struct other *o = p;                               /* the parent's second report, after its children */
  (void)o;
}

/* The process under test: reports, forks children that report (one of them then execs an image that reports), reports again. */
static void parent(const char *self)
{
  char options[128];
  snprintf(options, sizeof options, "log_path=%s/log:print_summary=1", dir);
  setenv("LIBALLOCS_OPTIONS", options, 1);
  struct node *n = malloc(sizeof *n);
  bad_cast(n);
  pid_t pids[CHILDREN];
  for (int i = 0; i < CHILDREN; i++)
  {
    pids[i] = fork();
    if (pids[i] == 0)
    {
      bad_cast(n);
      if (i == 0)
      {
        execl(self, self, "exec-image", (char *)NULL);
        _exit(3);
      }
      exit(0);
    }
  }
  for (int i = 0; i < CHILDREN; i++)
    waitpid(pids[i], NULL, 0);
  parent_last_cast(n);
  free(n);
  exit(0);
}

struct log_counts { int files, reports, summaries, children_own_only; int most_reports; };

static void count_logs(struct log_counts *c)
{
  memset(c, 0, sizeof *c);
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL)
  {
    if (strncmp(e->d_name, "log.", 4) != 0)
      continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "r");
    static char text[1 << 16];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
      fclose(f);
    text[n] = '\0';
    int reports = 0, summaries = 0;
    long begun = -1;
    for (const char *s = text; (s = strstr(s, "runtime error:")) != NULL; s++)
      reports++;
    for (const char *s = text; (s = strstr(s, " checks begun")) != NULL; s++)
      summaries++;
    const char *line = strstr(text, "liballocs: ");
    while (line && sscanf(line, "liballocs: %ld checks begun", &begun) != 1)
      line = strstr(line + 1, "liballocs: ");
    c->files++;
    c->reports += reports;
    c->summaries += summaries;
    if (reports == 1 && summaries == 1 && begun == 1)
      c->children_own_only++;
    if (reports > c->most_reports)
      c->most_reports = reports;
    unlink(path);
  }
  if (d)
    closedir(d);
  rmdir(dir);
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1 && strcmp(argv[1], "exec-image") == 0)
  {
    struct node *n = malloc(sizeof *n);
    exec_image_cast(n);
    free(n);
    return 0;
  }
  if (mkdtemp(dir) == NULL)
    return 1;
  pid_t p = fork();
  if (p == 0)
    parent(argv[0]);
  int status = 0;
  waitpid(p, &status, 0);
  struct log_counts c;
  count_logs(&c);
  printf("parent exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  // CHECK: parent exited 0
  printf("%d log files, %d reports, %d summaries\n", c.files, c.reports, c.summaries);
  // CHECK: 51 log files, 53 reports, 51 summaries
  printf("%d children's logs hold just their own report and check\n", c.children_own_only);
  // CHECK: 49 children's logs hold just their own report and check
  printf("most reports in one log: %d\n", c.most_reports);
  // CHECK: most reports in one log: 2
  // CHECK-NOT: runtime error
  printf("done\n");
  // CHECK: done
  return 0;
}
