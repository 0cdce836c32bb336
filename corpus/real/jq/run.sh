#!/bin/bash
# jq 1.6: the upstream tarball has no configure script, so autoreconf makes one (as Debian's
# build does); then configure with CC=allocscc, Debian's Oniguruma, and `make check` (its seven
# test suites: jq's own tests, the manual's examples, regular expressions, shell tests...).
. "$(dirname "$0")/../lib.sh"
real_begin jq
real_apt_install autoconf automake libtool make libonig-dev
real_unpack jq
cd "$REAL_SRC"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
{ autoreconf -fi && ./configure CC="$REAL_CC" --disable-docs --disable-valgrind --disable-maintainer-mode --with-oniguruma=yes \
    && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
make check NO_VALGRIND=1 > "$REAL_DIR/check.log" 2>&1 || true
cat "$REAL_DIR/check.log" tests/*.log >> "$REAL_DIR/tests.log" 2>/dev/null || true
if grep -q '^# TOTAL:' "$REAL_DIR/check.log"; then
    passed=$(awk '/^# PASS:/ { n += $3 } END { print n + 0 }' "$REAL_DIR/check.log")
    failed=$(awk '/^# (FAIL|ERROR|XPASS):/ { n += $3 } END { print n + 0 }' "$REAL_DIR/check.log")
    real_tests_counted "$passed" "$failed"
else
    real_tests_counted 0 1   # the suite did not run to its summary
fi
