#!/bin/bash
# zlib 1.2.13: its configure and Makefile with CC=allocscc; its test targets (example and the
# minigzip round trip, as static, shared and 64-bit offset builds) and large minigzip round trips.
. "$(dirname "$0")/../lib.sh"
real_begin zlib
real_unpack zlib
cd "$REAL_SRC"
{ CC="$REAL_CC" ./configure && make -j"$REAL_JOBS" all all64; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
real_test "make teststatic" make teststatic
real_test "make testshared" make testshared
real_test "make test64" make test64
real_test "round trip -9" real_round_trip "./minigzip -9" "./minigzip -d"
real_test "round trip -1" real_round_trip "./minigzip -1" "./minigzip -d"
