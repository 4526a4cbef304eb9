#!/bin/sh
# Compiles the native backdoor helper into the jar's classpath resources, where JNA finds it.
# Usage: build.sh SOURCE OUTPUT_DIR   (called by the Maven build on linux-x86-64)
# Flags: no debug info and no build id, so the .so is byte-for-byte reproducible.
set -eu
src="$1"
out="$2/linux-x86-64"
if ! command -v gcc >/dev/null 2>&1; then
    echo "ERROR: gcc not found; it is needed to build the native backdoor helper." >&2
    echo "ERROR: install it with ./install-build-deps.sh (Debian package gcc)." >&2
    exit 1
fi
mkdir -p "$out"
gcc -std=c11 -O2 -fPIC -shared -fomit-frame-pointer -mno-red-zone -Wall -Wextra -Werror \
    -Wl,--build-id=none -Wl,-z,noexecstack -o "$out/libguesttools_backdoor.so" "$src"
