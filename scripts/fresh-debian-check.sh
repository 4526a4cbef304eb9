#!/usr/bin/env bash
# Proves the README's two commands the way a new user meets them: a fresh Debian 12 root made
# with debootstrap --variant=minbase (no Java, no Maven, no locale, cold Maven cache), this
# repository's current branch cloned into it, then, as root in a chroot, verbatim:
#   ./install-build-deps.sh && mvn -B -Pdist package
#   ./install-build-deps.sh && mvn -B verify && scripts/staging-proof.sh
# Prints each command's wall time and the test totals, and exits non-zero if either failed.
# CPU-heavy (a full cold build, twice): run it once, not next to other heavy work.
#
# usage: sudo scripts/fresh-debian-check.sh [ROOT_DIR]    (default: a new /var/tmp/fresh-debian.*)
#   DEBIAN_MIRROR=URL   mirror for debootstrap (default: the first deb.debian.org-style URI apt uses)
# The root is kept afterwards (its logs are in ROOT_DIR/root); remove it with rm -rf ROOT_DIR.
# Needs: root, debootstrap (apt-get install debootstrap), git, network access to Debian and
# Maven Central. CA certificates this machine added (/usr/local/share/ca-certificates, e.g. for
# a TLS-inspecting proxy) are given to the root so that apt and Maven there trust them too.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null 2>&1 || { echo "apt-get install debootstrap" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
root=${1:-$(mktemp -d /var/tmp/fresh-debian.XXXXXX)}
# It becomes the chroot's "/": mktemp makes it 0700, and then no user but root could reach a file
# (a test that serves a socket as another account failed to load libm), unlike a real system.
chmod 755 "$root"
mirror=${DEBIAN_MIRROR:-$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian\b' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -oE 'https?://[^ ]+' | sed -n 1p || true)}
mirror=${mirror:-http://deb.debian.org/debian}

mounted=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT
bind() {
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  mounted+=("$root$1")
}

echo "== debootstrap --variant=minbase bookworm $root $mirror"
start=$(date +%s)
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -n 30 "$root.debootstrap.log"; exit 1; }
echo "debootstrap: $(( $(date +%s) - start )) s"
# What any installed Debian has and debootstrap leaves to the installer: security updates,
# name resolution, and the certificates this machine trusts.
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
cp /etc/resolv.conf "$root/etc/resolv.conf"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
bind /proc
bind /sys
bind /dev
bind /dev/pts

echo "== git clone --branch $branch into $root/root/guest-tools"
git clone --quiet --branch "$branch" "$repo" "$root/root/guest-tools"

# A login shell's minimal environment: no LANG, no JAVA_HOME, no MAVEN_OPTS, a cold ~/.m2.
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    TERM=dumb /bin/bash -c "cd /root/guest-tools && $1"
}
status=0
for command in "./install-build-deps.sh && mvn -B -Pdist package" "./install-build-deps.sh && mvn -B verify && scripts/staging-proof.sh"; do
  log="$root/root/$(echo "$command" | grep -oE '(package|verify)' | tail -n 1).log"
  echo "== $command"
  start=$(date +%s)
  if in_root "$command" >"$log" 2>&1; then result=passed; else result=FAILED; status=1; fi
  echo "$result in $(( $(date +%s) - start )) s (log: $log)"
  grep -E '^\[(WARNING|ERROR|INFO)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
    | awk -F'[:,] *' '{run += $2; fail += $4; err += $6; skip += $8}
        END {printf "tests: %d run, %d failures, %d errors, %d skipped\n", run, fail, err, skip}'
  grep -E '^\[SKIPPED\]' "$log" | sort | uniq -c || true
  grep -E 'BUILD (SUCCESS|FAILURE)|^\[ERROR\] (Tests run|Failed to execute)' "$log" | head -n 10 || true
done
ls -l "$root/root/guest-tools/guest-tools-dist/target/"guest-tools-*.{iso,zip,tar.gz,tar.xz} 2>/dev/null || true
echo "root kept at $root (rm -rf it when done)"
exit "$status"
