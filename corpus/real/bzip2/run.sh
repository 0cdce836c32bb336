#!/bin/bash
# bzip2 1.0.8: its own Makefile with CC=allocscc; its test target (three samples compressed and
# decompressed, compared with the expected files) and a large round trip.
. "$(dirname "$0")/../lib.sh"
real_begin bzip2
real_unpack bzip2
cd "$REAL_SRC"
make -j"$REAL_JOBS" CC="$REAL_CC" libbz2.a bzip2 bzip2recover > "$REAL_DIR/build.log" 2>&1
real_built
real_checking
# The test target's six comparisons, one test each (as its Makefile runs them).
for level in 1 2 3; do
    real_test "compress sample$level" bash -c "./bzip2 -$level < sample$level.ref > sample$level.rb2 && cmp sample$level.bz2 sample$level.rb2"
    real_test "decompress sample$level" bash -c "./bzip2 -d < sample$level.bz2 > sample$level.tst && cmp sample$level.tst sample$level.ref"
done
real_test "bzip2recover" bash -c "./bzip2recover sample3.bz2 && ./bzip2 -t rec00001sample3.bz2"
real_test "round trip -9" real_round_trip "./bzip2 -9" "./bzip2 -d"
real_test "round trip -1, small memory" real_round_trip "./bzip2 -1" "./bzip2 -d -s"
