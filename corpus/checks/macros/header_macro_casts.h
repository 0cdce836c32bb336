/* Macros of header_macro_casts.c, defined in a header as an interpreter's are. */
struct gc_header { struct gc_header *next; unsigned char tag; };
struct table { struct gc_header h; int size; };
struct string { struct gc_header h; unsigned length; };
union gc_object { struct gc_header gc; struct table t; struct string s; };
struct value { struct gc_header *gc; int tag; };

#define check_exp(c, e)   (e)
#define cast(t, exp)      ((t)(exp))
#define cast_gc(o)        cast(union gc_object *, (o))
#define gco2t(o)          check_exp((o)->tag == 5, &((cast_gc(o))->t))
#define gco2s(o)          check_exp((o)->tag == 4, &((cast_gc(o))->s))
#define tvalue(v)         gco2t((v)->gc)
#define table_size(p)     (((struct table *)(p))->size)
#define GC_SIZE           sizeof(*cast_gc(0))
