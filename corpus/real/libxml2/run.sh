#!/bin/bash
# libxml2: its configure and libtool build with CC=allocscc (without Python bindings, ICU, zlib or
# liblzma, which a fresh machine does not have), then its tests that need no test data: Debian's
# source package drops upstream's test/ and result/ trees (runtest's regression suite and the
# fuzzers' seeds come from them). So: testrecurse, testapi (every public function with generated
# arguments), testchar, testdict, the documented examples against their expected output
# (doc/examples), and xmllint over the documentation the package ships (the 1.3 MB API
# description as a tree, a stream and canonical XML, with XPath counts checked against grep,
# and the HTML manual through the HTML parser).
. "$(dirname "$0")/../lib.sh"
real_begin libxml2
real_unpack libxml2
cd "$REAL_SRC"
export LIBALLOCS_ALLOCATORS="$REAL_CONFIG/allocators.yaml"
{ ./configure CC="$REAL_CC" --without-python --without-icu --without-zlib --without-lzma --without-readline \
    && make -j"$REAL_JOBS" && make -j"$REAL_JOBS" testrecurse testapi testchar testdict; } > "$REAL_DIR/build.log" 2>&1 || real_build_failed
real_built
real_checking
api=doc/libxml2-api.xml
out="$REAL_DIR/xmllint"
mkdir -p "$out"
real_test "testrecurse" ./testrecurse
real_test "testapi" ./testapi -q
real_test "testchar" ./testchar
real_test "testdict" ./testdict
real_test "doc/examples against their expected output" make -C doc/examples tests
real_test "xmllint: the API description parses" ./xmllint --noout "$api"
real_test "xmllint: the reader streams it" ./xmllint --noout --stream "$api"
real_test "xmllint: XPath counts its functions as grep does" \
    test "$(./xmllint --xpath 'count(//function)' "$api")" = "$(grep -c '<function ' "$api")"
real_test "xmllint: --format is idempotent" eval "./xmllint --format '$api' > '$out/f1.xml' && ./xmllint --format '$out/f1.xml' > '$out/f2.xml' && cmp '$out/f1.xml' '$out/f2.xml'"
real_test "xmllint: canonical XML is idempotent" eval "./xmllint --c14n '$api' > '$out/c1.xml' && ./xmllint --c14n '$out/c1.xml' > '$out/c2.xml' && cmp '$out/c1.xml' '$out/c2.xml'"
real_test "xmllint: the HTML manual parses" eval "./xmllint --html --noout doc/*.html 2> '$out/html.err'"
