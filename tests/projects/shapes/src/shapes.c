#include <stdlib.h>
#include "shapes.h"

_Static_assert(sizeof(long) == SIZEOF_LONG, "SIZEOF_LONG does not match the compiler");

static int next_id = 1;

struct circle *make_circle(double r)
{
    struct circle *c = malloc(sizeof *c);
    if (!c)
        abort();
    c->r = r;
    c->id = next_id++;
    return c;
}

struct square *make_square(double side)
{
    struct square *s = (struct square *)malloc(sizeof(struct square));
    if (!s)
        abort();
    s->side = side;
    s->id = next_id++;
    return s;
}

double circle_area(void *p)
{
    struct circle *c = (struct circle *)p;
    return 3.14159265358979 * c->r * c->r;
}

double square_area(struct square *s)
{
    return s->side * s->side;
}
