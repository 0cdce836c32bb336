#ifndef SHAPES_H
#define SHAPES_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef SIZEOF_LONG
#define SIZEOF_LONG __SIZEOF_LONG__
#endif

struct circle {
    double r;
    int id;
};

struct square {
    double side;
    int id;
};

/* shapes.c */
struct circle *make_circle(double r);
struct square *make_square(double side);
double circle_area(void *p);
double square_area(struct square *s);

/* registry.c: shapes kept by name, untyped */
void registry_add(const char *name, void *shape);
void *registry_get(const char *name);
struct square *registry_get_square(const char *name);
void registry_clear(void);

#endif
