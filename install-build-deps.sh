#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test this project:
# a JDK 17 and Maven (if absent), gcc for the native backdoor helper, and the real
# archive, ISO and account tools the tests check our output with.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  gcc libc6-dev            # native backdoor helper
  tar gzip xz-utils        # GNU tar and compressors (archive tests)
  libarchive-tools         # bsdtar
  genisoimage xorriso      # isoinfo, xorriso (ISO image tests)
  util-linux passwd        # setpriv, useradd/chpasswd (privilege-drop tests)
  libpam0g libpam-modules  # PAM authentication
  procps                   # ps, used by process tests
)
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
# jlink (mvn -Pdist) needs the JDK's jmods, a separate Debian package.
if ! command -v javac >/dev/null 2>&1 \
    || [ ! -d "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")/jmods" ]; then
  packages+=(openjdk-17-jmods)
fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${packages[@]}"
