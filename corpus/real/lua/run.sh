#!/bin/bash
# Lua 5.4.4: its Makefile (`make linux`) with CC=allocscc and the userdata allocator configured;
# the interpreter runs each script of scripts/ (tables, strings, closures and coroutines, the
# garbage collector with finalizers and weak tables, io userdata, load and string.dump), each
# checking its own results with assert.
. "$(dirname "$0")/../lib.sh"
real_begin lua
real_unpack lua5.4
cd "$REAL_SRC"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
make -j"$REAL_JOBS" linux CC="$REAL_CC" > "$REAL_DIR/build.log" 2>&1
real_built
real_checking
for script in "$REAL_CONFIG"/scripts/*.lua; do
    real_test "$(basename "$script")" ./src/lua "$script"
done
