/* Allocation macros of allocation_in_macros.c, in a header as a library would keep them. */
#define NEW(T)          ((T *) malloc(sizeof(T)))
#define NEW_ARRAY(T, n) ((T *) calloc((n), sizeof(T)))
#define POOL_NEW(P, T)  pool_alloc((P), sizeof(T))
#define POOL_FREE(P, x) pool_free((P), (x))
