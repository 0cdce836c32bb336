#!/bin/bash
# libarchive: its configure and libtool build with CC=allocscc (with zlib, bzip2 and liblzma for
# the compressed formats; without OpenSSL, libxml2, expat, nettle, lz4, zstd, libb2, mbedTLS, ACLs
# or extended attributes), then `make check`: libarchive_test, bsdtar_test, bsdcpio_test and
# bsdcat_test, harnesses of 590, 70, 48 and 18 tests over the reference archives in the source
# tree, counted from each harness's own totals (a harness that ends without them counts as one
# failure).
. "$(dirname "$0")/../lib.sh"
real_begin libarchive
real_apt_install make zlib1g-dev libbz2-dev liblzma-dev
real_unpack libarchive
cd "$REAL_SRC"
{ ./configure CC="$REAL_CC" --without-openssl --without-xml2 --without-expat --without-nettle --without-lz4 \
    --without-zstd --without-libb2 --without-mbedtls --disable-acl --disable-xattr \
    && make -j"$REAL_JOBS"; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
: > "$REAL_DIR/check.log"
real_automake_make check
cat "$REAL_DIR/check.log" >> "$REAL_DIR/tests.log"
passed=0 failed=0
for harness in libarchive_test bsdtar_test bsdcpio_test bsdcat_test; do
    log="$harness.log"
    run=$(sed -n 's/^  Tests run: *\([0-9]*\)$/\1/p' "$log" 2>/dev/null | tail -n 1)
    bad=$(sed -n 's/^  Tests failed: *\([0-9]*\)$/\1/p' "$log" 2>/dev/null | tail -n 1)
    if [ -z "$run" ] || [ -z "$bad" ]; then
        echo "real: $REAL_NAME: $harness ended without its totals (see $REAL_SRC/$log)"
        failed=$((failed + 1))
    else
        passed=$((passed + run - bad))
        failed=$((failed + bad))
    fi
done
real_tests_counted "$passed" "$failed"
