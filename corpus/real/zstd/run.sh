#!/bin/bash
# Zstandard: its Makefiles with CC=allocscc (libzstd static and shared, the zstd program, and the
# test programs, each of which compiles the library's sources itself), then its tests: the CLI
# script (playTests.sh, without its large-data part), the unit tests of the thread pool, invalid
# dictionaries and legacy formats, the fuzzers (fuzzer, zstreamtest over both APIs, decodecorpus)
# and round trips at levels 1 and 19. Upstream's fuzzers draw their seed from the clock and run
# for a time; here each runs a fixed number of cases from a fixed seed, so every run (plain or
# checked, on any machine) tests the same cases.
. "$(dirname "$0")/../lib.sh"
real_begin zstd
real_unpack libzstd
cd "$REAL_SRC"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
{ make -j"$REAL_JOBS" CC="$REAL_CC" lib-release zstd-release; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
tests=(make -C tests CC="$REAL_CC")
real_test "playTests.sh" "${tests[@]}" test-zstd ZSTDRTTEST=
real_test "thread pool" "${tests[@]}" test-pool
real_test "invalid dictionaries" "${tests[@]}" test-invalidDictionaries
real_test "legacy formats" "${tests[@]}" test-legacy
real_test "decodecorpus, 1000 frames" "${tests[@]}" test-decodecorpus DECODECORPUS_TESTTIME="-s1 -n1000"
real_test "fuzzer, 200 cases" "${tests[@]}" test-fuzzer FUZZERTEST=-i200 FUZZER_FLAGS=-s1
real_test "zstreamtest, 2 x 1000 cases" "${tests[@]}" test-zstream ZSTREAM_TESTTIME=-i1000 FUZZER_FLAGS=-s1
real_test "round trip -1" real_round_trip "programs/zstd -1 -c" "programs/zstd -d -c"
real_test "round trip -19" real_round_trip "programs/zstd -19 -c" "programs/zstd -d -c"
