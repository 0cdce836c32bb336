#!/bin/bash
# PCRE2 10.42: its configure and libtool build with CC=allocscc (the 8-bit library, pcre2test,
# pcre2grep; no JIT, upstream's default), then `make check`: RunTest (pcre2test over its test
# data, the matcher's backtracking frames included) and RunGrepTest, counted by automake's test driver.
. "$(dirname "$0")/../lib.sh"
real_begin pcre2
real_unpack pcre2
cd "$REAL_SRC"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
{ ./configure CC="$REAL_CC" && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
real_automake_check
