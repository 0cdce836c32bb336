# Shared steps of the real-program scripts (corpus/real/*/run.sh); sourced, not run.
#
# A script obtains a Debian source package, builds it with allocscc, runs its tests with every
# report logged as JSON, and records what happened in $REAL_DIR/result (key=value lines) for
# the driver (`bin/liballocs real`), which reads that file and the report logs in
# $REAL_DIR/reports/ and prints the table. A script can also be run by hand:
#   bash corpus/real/zlib/run.sh
#
# Environment:
#   REAL_WORK      work root (default: artifacts/real); each program gets $REAL_WORK/<name>/
#   REAL_SOURCES   downloaded source packages, kept between runs (default: $REAL_WORK/sources)
#   REAL_JOBS      make -j for the builds (default: the number of cores)
#   REAL_PLAIN     1: build with plain cc instead of allocscc, check nothing (the baseline that
#                  `liballocs real --compare` times the instrumented build against)
#   REAL_SUPPRESS  0: do not apply the program's known.supp (every triaged report is printed in full)
#   REAL_GLIBC_MALLOC  1: run the tests on glibc's allocator built standalone (artifacts/lib/libglibc_malloc.so),
#                  preloaded (beneath libliballocs.so in a checked build)

set -euo pipefail

REAL_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$REAL_LIB_DIR/../.." && pwd)
REAL_WORK=${REAL_WORK:-$REPO/artifacts/real}
REAL_SOURCES=${REAL_SOURCES:-$REAL_WORK/sources}
REAL_PLAIN=${REAL_PLAIN:-0}
if [ "$REAL_PLAIN" = 1 ]; then
    REAL_CC=${CC:-cc}
    REAL_WORK="$REAL_WORK/plain"
else
    REAL_CC="$REPO/bin/allocscc"
fi
REAL_JOBS=${REAL_JOBS:-$(nproc)}

# real_begin NAME: fresh work directory for program NAME (its sources are unpacked by real_unpack).
real_begin() {
    REAL_NAME=$1
    REAL_CONFIG="$REAL_LIB_DIR/$REAL_NAME"
    REAL_DIR="$REAL_WORK/$REAL_NAME"
    rm -rf "$REAL_DIR"
    mkdir -p "$REAL_DIR/reports" "$REAL_SOURCES"
    REAL_RESULT="$REAL_DIR/result"
    : > "$REAL_RESULT"
    REAL_TESTS_PASSED=0
    REAL_TESTS_FAILED=0
    real_result build failed   # until real_built says otherwise
    if [ "$REAL_PLAIN" != 1 ] && [ ! -x "$REPO/artifacts/bin/allocscc" ]; then
        echo "real: allocscc is not built; run bin/setup first" >&2
        exit 1
    fi
}

# real_result KEY VALUE: records one fact for the driver (the last value of a key wins).
real_result() {
    printf '%s=%s\n' "$1" "$2" >> "$REAL_RESULT"
}

# real_apt_install PACKAGE...: installs build tools a program's build system needs (root only;
# a non-root run expects them installed).
real_apt_install() {
    local missing=()
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" != 0 ]; then
        echo "real: missing packages (not root, cannot install): ${missing[*]}" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# real_fetch PACKAGE: makes $REAL_SOURCES/PACKAGE hold a downloaded version of Debian's source package PACKAGE (kept
# between runs) and sets REAL_SOURCE_VERSION: `liballocs source` (cli/Sources/DebianSources.cs) tries every version apt
# lists, newest first, and adds a deb-src entry when apt has none. When no version downloads (its status 3), records
# fetch=failed and fetch_error="could not obtain sources of PACKAGE: ..." and exits 3, which the driver tells apart from a
# failed build or test; any other failure of the command (not built, a tool missing) ends the script with its status.
real_fetch() {
    local package=$1 error status=0
    { error=$("$REPO/bin/liballocs" source --into "$REAL_SOURCES" --prefix "real: $REAL_NAME: " "$package" 2>&1 1>&3 3>&-) || status=$?; } 3>&1
    [ "$status" = 0 ] && { REAL_SOURCE_VERSION=$(cat "$REAL_SOURCES/$package/version"); return 0; }
    error=${error//$'\n'/; }   # one line: the result file holds key=value lines
    echo "real: $REAL_NAME: ${error:-liballocs source exited with status $status}" >&2
    if [ "$status" = 3 ]; then
        real_result fetch failed
        real_result fetch_error "$error"
    fi
    exit "$status"
}

# real_unpack PACKAGE: obtains Debian's source package PACKAGE (real_fetch) and unpacks its upstream
# tarball (*.orig.tar.*, which has no Debian patches and no automake timestamp trouble) into
# $REAL_DIR/src; sets REAL_SRC to the unpacked tree and records the version as source_version.
real_unpack() {
    local package=$1 orig
    real_fetch "$package"
    real_result fetch ok
    real_result source_version "$REAL_SOURCE_VERSION"
    orig=$(ls "$REAL_SOURCES/$package"/*.orig.tar.* | grep -v '\.asc$' | head -n 1)
    case $orig in
        *.xz) real_apt_install xz-utils ;;
        *.bz2) real_apt_install bzip2 ;;
    esac
    mkdir -p "$REAL_DIR/src"
    tar -xf "$orig" -C "$REAL_DIR/src"
    REAL_SRC=$(find "$REAL_DIR/src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    real_result source "$(basename "$orig")"
}

# real_build_failed: ends the script after a failed build (`{ configure && make; } > log ||
# real_build_failed`: set -e does not stop at a failing && list, so each build says so itself);
# build=failed stays recorded for the driver.
real_build_failed() {
    echo "real: $REAL_NAME: the build failed (see $REAL_DIR/build.log)" >&2
    exit 1
}

# real_built: the build succeeded.
real_built() {
    real_result build ok
}

# real_checking: the build is done and the tests begin. From here on the programs run by this
# script log reports as JSON into $REAL_DIR/reports, with the exit summary, and the program's
# triaged reports (known.supp beside the script: each rule names a FINDINGS.md entry) suppressed
# and counted as explained. The tests' wall time is recorded as test_seconds when the script ends.
real_checking() {
    if [ "$REAL_PLAIN" != 1 ]; then
        local options="log_path=$REAL_DIR/reports/report:report_format=json:print_summary=1"
        if [ -f "$REAL_CONFIG/known.supp" ] && [ "${REAL_SUPPRESS:-1}" != 0 ]; then
            options="$options:suppressions=$REAL_CONFIG/known.supp"
        fi
        export LIBALLOCS_OPTIONS=$options
    fi
    # REAL_GLIBC_MALLOC=1: the tests run on glibc's allocator built standalone (bin/liballocs
    # glibc-malloc), preloaded beneath the C layer's interposers in a checked build.
    if [ "${REAL_GLIBC_MALLOC:-0}" = 1 ]; then
        local lib="$REPO/artifacts/lib"
        if [ ! -f "$lib/libglibc_malloc.so" ]; then
            echo "real: $lib/libglibc_malloc.so is not built; run bin/liballocs glibc-malloc first" >&2
            exit 1
        fi
        if [ "$REAL_PLAIN" = 1 ]; then
            export LD_PRELOAD="$lib/libglibc_malloc.so"
        else
            export LD_PRELOAD="$lib/libliballocs.so $lib/libglibc_malloc.so"
        fi
        real_result allocator glibc-malloc
    fi
    REAL_TESTS_BEGAN=$EPOCHREALTIME
    trap real_tests_ended EXIT
}

real_tests_ended() {
    real_result test_seconds "$(awk -v a="$REAL_TESTS_BEGAN" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')"
}

# real_test NAME COMMAND...: runs one test of the program; its output goes to $REAL_DIR/tests.log.
real_test() {
    local name=$1
    shift
    echo "== $name" >> "$REAL_DIR/tests.log"
    if "$@" >> "$REAL_DIR/tests.log" 2>&1; then
        REAL_TESTS_PASSED=$((REAL_TESTS_PASSED + 1))
        echo "real: $REAL_NAME: PASS $name"
    else
        REAL_TESTS_FAILED=$((REAL_TESTS_FAILED + 1))
        echo "real: $REAL_NAME: FAIL $name (see $REAL_DIR/tests.log)"
    fi
    real_result tests_passed "$REAL_TESTS_PASSED"
    real_result tests_failed "$REAL_TESTS_FAILED"
}

# real_tests_counted PASSED FAILED: adds counts from a test suite that counts for itself.
real_tests_counted() {
    echo "real: $REAL_NAME: $1 passed, $2 failed (its own test runner's count)"
    REAL_TESTS_PASSED=$((REAL_TESTS_PASSED + $1))
    REAL_TESTS_FAILED=$((REAL_TESTS_FAILED + $2))
    real_result tests_passed "$REAL_TESTS_PASSED"
    real_result tests_failed "$REAL_TESTS_FAILED"
}

# real_automake_check: `make -k check` of an automake project, its test driver's totals counted
# ("# PASS:  9", "# FAIL:  0", "# ERROR: 0", "# XPASS: 0", summed over subdirectories).
real_automake_check() {
    : > "$REAL_DIR/check.log"
    real_automake_make check
    real_automake_counted
}

# real_automake_make ARGS...: `make -k ARGS` in the current directory, its output added to the
# check log that real_automake_counted reads (for a script that runs its checks in parts).
real_automake_make() {
    make -k "$@" >> "$REAL_DIR/check.log" 2>&1 || true
}

# real_automake_counted: counts the test driver's totals in the check log (see real_automake_check).
real_automake_counted() {
    local passed failed
    passed=$(real_automake_total PASS)
    failed=$(( $(real_automake_total FAIL) + $(real_automake_total ERROR) + $(real_automake_total XPASS) ))
    real_tests_counted "$passed" "$failed"
    cat "$REAL_DIR/check.log" >> "$REAL_DIR/tests.log"
}

# real_automake_tests_except TEST...: the TESTS list of the Makefile in the current directory
# without the named tests (for `make check-am TESTS=...`, which runs this directory's tests only).
real_automake_tests_except() {
    local t skip=" $* "
    for t in $(printf 'real-print-tests:\n\t@echo $(TESTS)\n' | make -s -f Makefile -f - real-print-tests); do
        case $skip in *" $t "*) echo "real: $REAL_NAME: test $t left out" >&2 ;; *) printf '%s ' "$t" ;; esac
    done
}

real_automake_total() {
    sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "$REAL_DIR/check.log" | awk '{ n += $1 } END { print n + 0 }'
}

# real_round_trip COMPRESS DECOMPRESS: compresses and decompresses a deterministic input of about 4 MB
# (text and binary) through the two commands (stdin to stdout) and compares.
real_round_trip() {
    local input="$REAL_DIR/round-trip.in"
    if [ ! -f "$input" ]; then
        # text, then bytes of every value (the same input for the plain and the checked build)
        { seq 1 400000; find "$REPO/corpus" "$REPO/runtime" -type f -name '*.[ch]' | sort | xargs cat;
          seq 1 300000 | awk '{ printf "%c%c", $1 % 256, ($1 * 7) % 256 }'; } > "$input" || return 1
    fi
    eval "$1" < "$input" > "$input.z" && eval "$2" < "$input.z" > "$input.out" && cmp "$input" "$input.out"
}
