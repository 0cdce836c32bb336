/* t_confused MODE
 *   none: only type-correct casts
 *   one:  a square passed to circle_area (bad cast in shapes.c)
 *   two:  as one, and a circle fetched as a square (bad cast in registry.c)
 */
#include <stdio.h>
#include <string.h>
#include "shapes.h"

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "none";
    if (strcmp(mode, "none") != 0 && strcmp(mode, "one") != 0 && strcmp(mode, "two") != 0) {
        fprintf(stderr, "usage: t_confused none|one|two\n");
        return 2;
    }

    struct circle *c = make_circle(1.0);
    struct square *s = make_square(2.0);
    registry_add("c", c);
    registry_add("s", s);

    printf("t_confused %s: circle area %.2f\n", mode, circle_area(c));
    printf("t_confused %s: square area %.2f\n", mode, square_area(registry_get_square("s")));

    if (strcmp(mode, "one") == 0 || strcmp(mode, "two") == 0)
        printf("t_confused %s: square as circle %.2f\n", mode, circle_area(s));
    if (strcmp(mode, "two") == 0)
        printf("t_confused %s: circle as square %.2f\n", mode, square_area(registry_get_square("c")));

    registry_clear();
    return 0;
}
