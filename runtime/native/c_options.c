/* c_options.c: the few keys of LIBALLOCS_OPTIONS that the C layer needs before the C# runtime loads. */
/*
 * malloc and free need their options (quarantine size, malloc fill) at the first call, long
 * before the first check loads the C# runtime, whose table (checks/Options/OptionTable.cs) parses
 * and validates every key and prints help. This reads one key without allocating, as the table
 * does: pairs split at ':', name and value trimmed of white space, a decimal value with an
 * optional sign; a malformed or out-of-range value is ignored here (the table reports it once the
 * C# runtime loads, at the first check).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "liballocs_c.h"

/* [*from, *to) without white space at either end. */
static void trim(const char **from, const char **to)
{
	while (*from < *to && isspace((unsigned char)**from))
		(*from)++;
	while (*to > *from && isspace((unsigned char)(*to)[-1]))
		(*to)--;
}

unsigned long __liballocs_c_option(const char *key, unsigned long fallback, unsigned long max)
{
	const char *options = getenv("LIBALLOCS_OPTIONS");
	size_t key_length = strlen(key);
	unsigned long value = fallback;
	for (const char *s = options; s != NULL && *s; )
	{
		const char *colon = strchr(s, ':');
		const char *pair_end = colon ? colon : s + strlen(s);
		const char *eq = memchr(s, '=', (size_t)(pair_end - s));
		if (eq != NULL)
		{
			const char *name = s, *name_end = eq, *v = eq + 1, *v_end = pair_end;
			trim(&name, &name_end);
			trim(&v, &v_end);
			char digits[32];
			size_t n = (size_t)(v_end - v);
			if ((size_t)(name_end - name) == key_length && strncmp(name, key, key_length) == 0 && n > 0 && n < sizeof digits)
			{
				memcpy(digits, v, n);
				digits[n] = '\0';
				char *end;
				long long parsed = strtoll(digits, &end, 10);
				/* A later valid occurrence wins and a malformed one is ignored, as in the table; flags are also spelled
				 * true and false there. */
				if (*end == '\0' && !isspace((unsigned char)digits[0]) && parsed >= 0 && (unsigned long long)parsed <= max)
					value = (unsigned long)parsed;
				else if (max == 1 && (strcmp(digits, "true") == 0 || strcmp(digits, "false") == 0))
					value = digits[0] == 't';
			}
		}
		s = colon ? colon + 1 : NULL;
	}
	return value;
}
