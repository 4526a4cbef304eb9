#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test this project:
# a JDK 17 and Maven (if absent), gcc for the native backdoor helper, the real
# archive, ISO and account tools the tests check our output with, and shellcheck
# for the scripts. Needs no locale: the build sets C.UTF-8 for its own tests.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  ca-certificates          # Maven Central over TLS
  gcc libc6-dev            # native backdoor helper
  binutils                 # strip: the bundled runtime's native libraries
  tar gzip xz-utils        # GNU tar and compressors (archive tests)
  libarchive-tools         # bsdtar
  unzip                    # reads the ZIP image as a user would (image tests)
  e2fsprogs                # mkfs.ext4: real loop file systems for the quiesced-snapshot tests
  genisoimage xorriso      # isoinfo, xorriso (ISO image tests)
  util-linux passwd        # setpriv, useradd/chpasswd (privilege-drop tests)
  libpam0g libpam-modules  # PAM authentication
  procps                   # ps, used by process tests
  openssh-client           # ssh-keygen: real keys for the authorized_keys parser tests
  shellcheck               # checks the scripts (validation kit test)
  gnupg                    # signs and verifies the release build (scripts/staging-proof.sh)
  python3                  # checks deployed POMs (scripts/staging-proof.sh)
)
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${packages[@]}"
# jlink (mvn -Pdist) needs the JDK's jmods. Debian 12 ships them in openjdk-17-jdk-headless;
# later releases have a separate openjdk-17-jmods package: ask for it only where it exists
# and the JDK lacks them.
jdk_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
if [ ! -d "$jdk_home/jmods" ] && apt-cache show openjdk-17-jmods >/dev/null 2>&1; then
  $SUDO apt-get install -y --no-install-recommends openjdk-17-jmods
fi
