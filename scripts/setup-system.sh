#!/bin/sh
# Debian packages that retold needs beyond Python. Installs only what is
# missing, so it is quick on a machine that has them.
set -eu
# openssl: the https tests make their own certificate with it.
# chromium: the HTML reports are tested in a real headless browser.
# wordnet-base: WordNet 3.0, read by the audit for synonyms and antonyms.
# cmake, g++: llama-cpp-python builds llama.cpp from source when installed.
PACKAGES="openssl chromium wordnet-base cmake g++"
missing=""
for p in $PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "retold setup: please install these Debian packages:$missing (needs root)" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
