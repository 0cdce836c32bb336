#!/bin/bash
# XZ Utils: its configure and libtool build with CC=allocscc (liblzma shared and static, xz and the
# other tools linked against it) and `make check`: its test programs and scripts, counted by
# automake's test driver.
. "$(dirname "$0")/../lib.sh"
real_begin xz
real_unpack xz-utils
cd "$REAL_SRC"
{ ./configure CC="$REAL_CC" --disable-doc --disable-nls && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
real_automake_check
