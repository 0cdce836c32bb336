#!/bin/bash
# cJSON 1.7.15: its CMake build with CC=allocscc and its unit tests (Unity) enabled; ctest runs
# them, each test program one test.
. "$(dirname "$0")/../lib.sh"
real_begin cjson
real_apt_install cmake
real_unpack cjson
mkdir -p "$REAL_SRC/build"
cd "$REAL_SRC/build"
{ cmake -DCMAKE_C_COMPILER="$REAL_CC" -DENABLE_CJSON_TEST=On -DENABLE_CJSON_UTILS=On -DENABLE_VALGRIND=Off \
        -DENABLE_SANITIZERS=Off -DBUILD_SHARED_AND_STATIC_LIBS=On .. && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
ctest --output-on-failure > "$REAL_DIR/ctest.log" 2>&1 || true
passed=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$REAL_DIR/ctest.log" || true)
failed=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* (\*\*\*|Failed|Not Run|Exception)' "$REAL_DIR/ctest.log" || true)
real_tests_counted "$passed" "$failed"
cat "$REAL_DIR/ctest.log" >> "$REAL_DIR/tests.log"
