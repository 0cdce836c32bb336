/* uniqtype.h: the run-time descriptor of one C type.
 *
 * One uniqtype exists per type per process, so type identity is pointer identity.
 * allocscc emits each uniqtype a translation unit uses as a weak definition named
 * __uniqtype__<name> (e.g. __uniqtype__int$32); the linker and the dynamic linker keep
 * one definition per name, so every object agrees on the address. Types that only
 * the runtime needs (e.g. __ARR42_int$32 for a malloc'd block) are made at run time
 * and registered by name beside the static ones.
 *
 * Names follow liballocs: int$32, uint$64, signed_char$8, __PTR_signed_char$8,
 * __ARR4_int$32, __ARR_int$32 (unknown length), struct/union/enum tags by name,
 * __FUN_FROM___ARG0_int$32__FUN_TO_int$32.
 */
#ifndef LIBALLOCS_UNIQTYPE_H
#define LIBALLOCS_UNIQTYPE_H

#ifdef __cplusplus
extern "C" {
#endif

/* What a uniqtype describes. */
enum uniqtype_kind
{
	UNIQTYPE_KIND_VOID = 0,
	UNIQTYPE_KIND_BASE = 1,        /* integers, floating point, _Bool, complex */
	UNIQTYPE_KIND_ENUMERATION = 2,
	UNIQTYPE_KIND_COMPOSITE = 3,   /* struct, or union when UNIQTYPE_F_UNION is set */
	UNIQTYPE_KIND_ARRAY = 4,
	UNIQTYPE_KIND_ADDRESS = 5,     /* pointer */
	UNIQTYPE_KIND_SUBPROGRAM = 6   /* function type */
};

/* Flags; which apply depends on the kind. */
#define UNIQTYPE_F_SIGNED          0x1u   /* base: signed integer (char is signed here) */
#define UNIQTYPE_F_FLOAT           0x2u   /* base: floating point */
#define UNIQTYPE_F_UNION           0x4u   /* composite: a union, members overlap */
#define UNIQTYPE_F_INCOMPLETE      0x8u   /* composite/enum: declared but never defined in the emitting TU */
#define UNIQTYPE_F_UNKNOWN_LENGTH  0x10u  /* array: no element count (flexible member, T[]) */
#define UNIQTYPE_F_VARIADIC        0x20u  /* subprogram: takes ... */
#define UNIQTYPE_F_NO_PROTOTYPE    0x40u  /* subprogram: declared as f() */
#define UNIQTYPE_F_BOOL            0x80u  /* base: _Bool */
#define UNIQTYPE_F_COMPLEX         0x100u /* base: _Complex */
#define UNIQTYPE_F_CHAR            0x200u /* base: a character type (char, signed/unsigned char) */
#define UNIQTYPE_F_SYNTHETIC       0x400u /* made by the runtime, not by allocscc */

/* Size in bytes of a type whose size is not known (incomplete, unknown-length array, function). */
#define UNIQTYPE_SIZE_UNKNOWN (~0ul)

/* The runtime reads these structures with their natural layout, even when the program includes
 * this header under a #pragma pack of its own. (-fpack-struct overrides this; allocscc compiles
 * such files uninstrumented.) */
#pragma pack(push, 8)

/* A member of a composite, or a parameter of a subprogram (offset 0, bit fields 0). */
struct uniqtype_member
{
	const char *name;                 /* null for anonymous members and unnamed parameters */
	unsigned long offset;             /* bytes from the start of the composite */
	unsigned short bit_offset;        /* bit-field: bits after `offset`, else 0 */
	unsigned short bit_size;          /* bit-field: width in bits; 0 when not a bit-field */
	const struct uniqtype *type;      /* the member's type (typedefs and qualifiers stripped) */
};

/* One enumerator of an enumeration. */
struct uniqtype_enumerator
{
	const char *name;
	__extension__ long long value;   /* __extension__: accepted under -std=c89 -pedantic */
};

struct uniqtype
{
	const char *name;                 /* liballocs name, without the __uniqtype__ prefix */
	unsigned kind;                    /* enum uniqtype_kind */
	unsigned flags;                   /* UNIQTYPE_F_* */
	unsigned long size;               /* bytes, or UNIQTYPE_SIZE_UNKNOWN */
	unsigned long count;              /* array: elements (0 with UNIQTYPE_F_UNKNOWN_LENGTH);
	                                     composite: members; subprogram: parameters;
	                                     enumeration: enumerators; otherwise 0 */
	const struct uniqtype *target;    /* array: element; address: pointee (null when the pointee
	                                     is an incomplete type no TU defines); subprogram: return
	                                     type; enumeration: underlying integer type */
	const struct uniqtype_member *members;        /* composite members / subprogram parameters */
	const struct uniqtype_enumerator *enumerators; /* enumeration only */
	const struct uniqtype *related;   /* base integer: its signed/unsigned counterpart, else null */
};

#pragma pack(pop)

#ifdef __cplusplus
}
#endif
#endif
