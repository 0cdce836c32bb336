/* t_confused MODE
 *   none: only type-correct casts
 *   one:  a square passed to circle_area (bad cast in shapes.c)
 *   two:  as one, and a circle fetched as a square (bad cast in registry.c)
 *   fork: as one, in a forked child and then in the parent (two processes, two logs)
 *   exec: as one, then exec itself as `none` (two program images, one pid, one log)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "shapes.h"

static int is(const char *mode, const char *name) { return strcmp(mode, name) == 0; }

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "none";
    if (!is(mode, "none") && !is(mode, "one") && !is(mode, "two") && !is(mode, "fork") && !is(mode, "exec")) {
        fprintf(stderr, "usage: t_confused none|one|two|fork|exec\n");
        return 2;
    }

    struct circle *c = make_circle(1.0);
    struct square *s = make_square(2.0);
    registry_add("c", c);
    registry_add("s", s);

    printf("t_confused %s: circle area %.2f\n", mode, circle_area(c));
    printf("t_confused %s: square area %.2f\n", mode, square_area(registry_get_square("s")));

    if (is(mode, "fork")) {
        fflush(stdout);
        pid_t child = fork();
        if (child < 0) {
            perror("fork");
            return 1;
        }
        if (child == 0) {
            printf("t_confused fork (child): square as circle %.2f\n", circle_area(s));
            exit(0);
        }
        int status;
        if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return 1;
    }
    if (is(mode, "one") || is(mode, "two") || is(mode, "fork") || is(mode, "exec"))
        printf("t_confused %s: square as circle %.2f\n", mode, circle_area(s));
    if (is(mode, "two"))
        printf("t_confused %s: circle as square %.2f\n", mode, square_area(registry_get_square("c")));
    if (is(mode, "exec")) {
        fflush(stdout);
        execl("/proc/self/exe", argv[0], "none", (char *)NULL);
        perror("exec");
        return 1;
    }

    registry_clear();
    return 0;
}
