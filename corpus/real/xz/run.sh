#!/bin/bash
# XZ Utils: its configure and libtool build with CC=allocscc (liblzma shared and static, xz and the
# other tools linked against it) and `make check`: its test programs and scripts, counted by
# automake's test driver.
. "$(dirname "$0")/../lib.sh"
real_begin xz
real_unpack xz-utils
cd "$REAL_SRC"
{ ./configure CC="$REAL_CC" --disable-doc --disable-nls && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1
real_built
real_checking
make -k check > "$REAL_DIR/check.log" 2>&1 || true
# automake's summary lines: "# PASS:  9", "# FAIL:  0", "# ERROR: 0", "# XPASS: 0".
count() { sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "$REAL_DIR/check.log" | awk '{ n += $1 } END { print n + 0 }'; }
real_tests_counted "$(count PASS)" "$(( $(count FAIL) + $(count ERROR) + $(count XPASS) ))"
cat "$REAL_DIR/check.log" >> "$REAL_DIR/tests.log"
