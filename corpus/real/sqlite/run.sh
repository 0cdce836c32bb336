#!/bin/bash
# SQLite 3.40.1: the source tree's configure and `make sqlite3.c shell.c` make the amalgamation
# (generated C, with tclsh); allocscc compiles it the usual way of the amalgamation's users, with
# no configure results (so no HAVE_MALLOC_USABLE_SIZE: sqlite3MemMalloc keeps an 8-byte size before
# each object, which allocators.yaml declares as the wrapper's header), and links speedtest1 and
# the shell. The workloads: speedtest1 on a database file and in memory, and the shell on
# checks.sql (self-checking).
. "$(dirname "$0")/../lib.sh"
real_begin sqlite
real_apt_install tcl make
real_unpack sqlite3
mkdir -p "$REAL_SRC/build"
cd "$REAL_SRC/build"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
cflags=(-O2 -DSQLITE_DEFAULT_LOOKASIDE=0,0 -I.)
{ ../configure --disable-tcl && make sqlite3.c shell.c \
    && "$REAL_CC" "${cflags[@]}" -c sqlite3.c -o sqlite3.o \
    && "$REAL_CC" "${cflags[@]}" -o speedtest1 ../test/speedtest1.c sqlite3.o -lpthread -ldl -lm \
    && "$REAL_CC" "${cflags[@]}" -o sqlite3 shell.c sqlite3.o -lpthread -ldl -lm; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
real_test "speedtest1 --size 20 (database file)" ./speedtest1 --size 20 speedtest1.db
real_test "speedtest1 --size 20 --memdb" ./speedtest1 --size 20 --memdb
real_test "shell on checks.sql" bash -c "./sqlite3 checks.db < '$REAL_CONFIG/checks.sql' > checks.out 2>&1; cat checks.out;
    ! grep -v '^ok\$' checks.out && [ \$(grep -c '^ok\$' checks.out) = \$(grep -c \"THEN 'ok'\" '$REAL_CONFIG/checks.sql') ]"
