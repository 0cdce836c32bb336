/* runtime_loaded.h: whether the runtime's library is mapped into this process (site_type_answered_without_the_runtime.c,
 * threads_ended_before_the_runtime_counted.c). */
#ifndef CORPUS_RUNTIME_LOADED_H
#define CORPUS_RUNTIME_LOADED_H
#include <stdio.h>
#include <string.h>

static int runtime_loaded(void)
{
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  int found = 0;
  while (maps && fgets(line, sizeof line, maps))
    found |= strstr(line, "liballocs_rt") != NULL;
  if (maps)
    fclose(maps);
  return found;
}
#endif
