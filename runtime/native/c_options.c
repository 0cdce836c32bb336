/* c_options.c: the few keys of LIBALLOCS_OPTIONS that the C layer needs before the C# runtime loads. */
/*
 * malloc and free need their options (quarantine size, malloc fill) at the first call, long
 * before the first check loads the C# runtime, whose table (checks/Options/OptionTable.cs) parses
 * and validates every key and prints help. This reads one key without allocating; a value the
 * table would reject falls back to the default here (the table then reports it once).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "liballocs_c.h"

unsigned long __liballocs_c_option(const char *key, unsigned long fallback, unsigned long max)
{
	const char *options = getenv("LIBALLOCS_OPTIONS");
	size_t key_length = strlen(key);
	unsigned long value = fallback;
	for (const char *s = options; s != NULL && *s; )
	{
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, key, key_length) == 0 && s[key_length] == '=')
		{
			const char *digits = s + key_length + 1;
			char *end;
			unsigned long v = strtoul(digits, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			/* A later valid occurrence wins and a malformed one is ignored, as in the table. */
			if (end != digits && (*end == '\0' || *end == ':') && memchr(digits, '-', (size_t)(end - digits)) == NULL && v <= max)
				value = v;
		}
		const char *colon = strchr(s, ':');
		s = colon ? colon + 1 : NULL;
	}
	return value;
}
