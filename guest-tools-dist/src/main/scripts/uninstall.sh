#!/bin/sh
# Removes exactly what install.sh added, as recorded in /opt/guest-tools/install-manifest, and
# puts back files it had moved aside. A configuration file edited since it was installed is kept
# as <name>.guest-tools-save.
#
#   sh uninstall.sh [--destdir DIR]      (or DESTDIR=DIR sh uninstall.sh)
#   (installed as /opt/guest-tools/sbin/guest-tools-uninstall, linked from /usr/sbin)
set -eu

manifest=/opt/guest-tools/install-manifest
while [ $# -gt 0 ]; do
    case $1 in
        --destdir)
            if [ $# -lt 2 ]; then echo "uninstall.sh: --destdir needs a directory" >&2; exit 2; fi
            DESTDIR=$2; shift 2 ;;
        --destdir=*) DESTDIR=${1#--destdir=}; shift ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "uninstall.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
root=${DESTDIR:-}
root=${root%/}
if [ -n "$root" ] && [ -d "$root" ]; then
    root=$(cd "$root" && pwd)
fi
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    echo "uninstall.sh: run as root (or set DESTDIR)" >&2
    exit 1
fi
if [ ! -f "$root$manifest" ]; then
    echo "uninstall.sh: no $root$manifest: the guest tools are not installed there"
    exit 0
fi

say() { printf '%s\n' "$*"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/guest-tools-uninstall.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Newest first, so files go before the directories that hold them.
sed -n '1!G;h;$p' "$root$manifest" >"$work/reversed"

live=no
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    live=yes
    grep '^f /lib/systemd/system/.*\.service$' "$work/reversed" | while IFS= read -r line; do
        unit=${line##*/}
        systemctl stop "$unit" 2>/dev/null || true
    done
fi

rm -f "$root$manifest"
while IFS= read -r line; do
    kind=${line%% *}
    path=${line#* }
    case $kind in
        f|l)
            # A configuration file edited since it was installed is kept, renamed (as rpm does).
            # Only files under /etc have a recorded checksum: no lookup for the others.
            was=
            case $path in
                /etc/*)
                    was=$(awk -v p="$path" \
                        '$1 == "s" { q = $0; sub(/^s [0-9a-f]+ /, "", q); if (q == p) print $2 }' "$work/reversed") ;;
            esac
            if [ -n "$was" ] && [ -f "$root$path" ] && [ ! -h "$root$path" ] \
                    && [ "$(sha256sum <"$root$path" | cut -d' ' -f1)" != "$was" ]; then
                mv -f "$root$path" "$root$path.guest-tools-save"
                say "kept your edited $path as $path.guest-tools-save"
            elif [ -e "$root$path" ] || [ -h "$root$path" ]; then
                rm -f "$root$path"
                say "removed $path"
            fi ;;
        d)
            if rmdir "$root$path" 2>/dev/null; then
                say "removed $path/"
            elif [ -d "$root$path" ]; then
                say "kept $path/ (it holds files the guest tools did not install)"
            fi ;;
        b)
            if [ -e "$root$path.guest-tools-orig" ] || [ -h "$root$path.guest-tools-orig" ]; then
                mv "$root$path.guest-tools-orig" "$root$path"
                say "restored $path"
            fi ;;
    esac
done <"$work/reversed"

if [ "$live" = yes ]; then
    systemctl daemon-reload
    say "reloaded systemd"
fi
say "guest tools removed from ${root:-/}"
