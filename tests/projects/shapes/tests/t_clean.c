/* Only type-correct casts: every check runs and passes. */
#include <stdio.h>
#include "shapes.h"

int main(void)
{
    struct circle *c = make_circle(1.0);
    struct square *s = make_square(2.0);

    registry_add("c", c);
    registry_add("s", s);

    printf("t_clean: circle area %.2f\n", circle_area(c));
    printf("t_clean: square area %.2f\n", square_area(registry_get_square("s")));

    registry_clear();
    return 0;
}
