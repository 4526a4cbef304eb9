#!/bin/sh
# Installs the guest tools from the directory this script is in (the image's linux/ directory).
#
#   sh install.sh [--destdir DIR] [--no-systemd]      (or DESTDIR=DIR sh install.sh)
#
# Every directory next to this script (etc, lib, opt, usr) is copied to the same place under
# DESTDIR (default /). What it adds is recorded in /opt/guest-tools/install-manifest, which
# uninstall.sh (also installed as /usr/sbin/guest-tools-uninstall) reads to remove exactly that.
# Running it again updates the installation and removes files a newer image no longer has.
# Files under etc/ are configuration: one that was there before is kept; one of ours is updated
# while unchanged and kept once edited (the new version beside it as <name>.guest-tools-dist).
# Another existing file in the way is moved to <name>.guest-tools-orig and put back by uninstall.
# systemd units are enabled by creating their wants links directly; systemctl is only called when
# installing into the running system (no DESTDIR) and systemd runs.
set -eu

prefix=/opt/guest-tools
manifest=$prefix/install-manifest
systemd=yes
while [ $# -gt 0 ]; do
    case $1 in
        --destdir)
            if [ $# -lt 2 ]; then echo "install.sh: --destdir needs a directory" >&2; exit 2; fi
            DESTDIR=$2; shift 2 ;;
        --destdir=*) DESTDIR=${1#--destdir=}; shift ;;
        --no-systemd) systemd=no; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
root=${DESTDIR:-}
root=${root%/}
live=no
if [ -z "$root" ]; then
    live=yes
    if [ "$(id -u)" -ne 0 ]; then
        echo "install.sh: run as root (or set DESTDIR)" >&2
        exit 1
    fi
    [ -d /run/systemd/system ] || command -v systemctl >/dev/null 2>&1 || systemd=no
fi
if [ -n "$root" ]; then
    if [ ! -d "$root" ]; then
        echo "install.sh: DESTDIR $root does not exist" >&2
        exit 1
    fi
    root=$(cd "$root" && pwd)
    realroot=$(cd "$root" && pwd -P)
fi

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/guest-tools-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
old=$work/old
new=$work/new
: >"$new"
if [ -f "$root$manifest" ]; then cp "$root$manifest" "$old"; else : >"$old"; fi

say() { printf '%s\n' "$*"; }
ours() { grep -qxF "$1" "$old"; }
# Once per path: two units wanted by the same target share the wants directory.
record() { grep -qxF "$1 $2" "$new" || printf '%s %s\n' "$1" "$2" >>"$new"; }

# Keeps the record of a file moved aside by an earlier run.
keep_backup() {
    if ours "b $1"; then record b "$1"; fi
}

# Moves a file or link that is not ours out of the way, for uninstall to restore.
set_aside() {
    backed_up=no
    if ours "b $1"; then
        record b "$1"
        backed_up=yes
    fi
    if [ -e "$root$1" ] || [ -h "$root$1" ]; then
        if [ "$backed_up" = yes ] || ours "f $1" || ours "l $1"; then
            return 0
        fi
        mv "$root$1" "$root$1.guest-tools-orig"
        record b "$1"
        say "moved aside $1 (now $1.guest-tools-orig)"
    fi
}

# A directory the image has must be a directory here, a link to one (merged /usr: /lib -> usr/lib,
# /bin, /sbin; used as it is, never recorded), or not be there yet. Below a DESTDIR a link must
# lead to a directory inside it (an absolute /lib -> /usr/lib in a guest's root would lead to this
# machine's own).
check_dir() {
    if [ -d "$root$1" ] && [ -h "$root$1" ] && [ -n "$root" ]; then
        real=$(cd "$root$1" && pwd -P)
        case $real in
            "$realroot" | "$realroot"/*) ;;
            *)
                echo "install.sh: $root$1 links to $real, outside DESTDIR $root" >&2
                exit 1 ;;
        esac
    elif [ ! -d "$root$1" ] && { [ -e "$root$1" ] || [ -h "$root$1" ]; }; then
        echo "install.sh: $root$1 exists and is not a directory" >&2
        exit 1
    fi
}

make_dir() {
    check_dir "$1"
    if [ -d "$root$1" ]; then
        if [ ! -h "$root$1" ] && ours "d $1"; then record d "$1"; fi
        return 0
    fi
    mkdir -m 755 "$root$1"
    record d "$1"
    say "created $1/"
}

sum_of() { sha256sum <"$1" | cut -d' ' -f1; }
# The checksum a file under /etc had when an earlier installation put it there ("s SUM PATH").
installed_sum() {
    awk -v p="$1" '$1 == "s" { q = $0; sub(/^s [0-9a-f]+ /, "", q); if (q == p) print $2 }' "$old"
}

# Files under /etc are configuration, as a package manager treats them: one that was there before
# is left alone; one of ours is updated while it is as installed, and kept once edited (the
# image's version then goes next to it as NAME.guest-tools-dist).
install_file() { # source, absolute path
    case $2 in
        /etc/*)
            if [ -e "$root$2" ] || [ -h "$root$2" ]; then
                if ! ours "f $2"; then
                    say "kept existing configuration $2"
                    return 0
                fi
                was=$(installed_sum "$2")
                now=
                if [ ! -h "$root$2" ] && [ -f "$root$2" ]; then now=$(sum_of "$root$2"); fi
                if [ -z "$was" ] || [ "$now" != "$was" ]; then
                    record f "$2"
                    if [ "$now" = "$(sum_of "$1")" ]; then
                        record s "$now $2"
                        say "kept existing configuration $2"
                        return 0
                    fi
                    if [ -n "$was" ]; then record s "$was $2"; fi
                    cp -p "$1" "$root$2.guest-tools-dist"
                    if [ "$(id -u)" -eq 0 ]; then chown 0:0 "$root$2.guest-tools-dist"; fi
                    record f "$2.guest-tools-dist"
                    say "kept your edited configuration $2 (this image's version: $2.guest-tools-dist)"
                    return 0
                fi
            fi ;;
        *) set_aside "$2" ;;
    esac
    cp -p "$1" "$root$2.guest-tools-new"
    if [ "$(id -u)" -eq 0 ]; then chown 0:0 "$root$2.guest-tools-new"; fi
    mv -f "$root$2.guest-tools-new" "$root$2"
    record f "$2"
    case $2 in /etc/*) record s "$(sum_of "$root$2") $2" ;; esac
    say "installed $2"
}

install_link() { # source link, absolute path
    target=$(readlink "$1")
    if [ -h "$root$2" ] && [ "$(readlink "$root$2")" = "$target" ] && ours "l $2"; then
        keep_backup "$2"
        record l "$2"
        return 0
    fi
    set_aside "$2"
    rm -f "$root$2"
    ln -s "$target" "$root$2"
    record l "$2"
    say "linked $2 -> $target"
}

cd "$here"
# Checked before anything is changed, so that a refusal leaves the system as it was.
for top in *; do
    [ -d "$top" ] && [ ! -h "$top" ] || continue
    find "$top" -type d -print | while IFS= read -r path; do check_dir "/$path"; done
done
for top in *; do
    [ -d "$top" ] && [ ! -h "$top" ] || continue
    find "$top" -print | while IFS= read -r path; do
        case $path in
            lib/systemd|lib/systemd/*) [ "$systemd" = yes ] || continue ;;
        esac
        if [ -h "$path" ]; then
            install_link "$path" "/$path"
        elif [ -d "$path" ]; then
            make_dir "/$path"
        else
            install_file "$path" "/$path"
        fi
    done
done

# Enable units: the wants link systemctl enable would make, made directly.
if [ "$systemd" = yes ] && [ -d lib/systemd/system ]; then
    for unit in lib/systemd/system/*.service; do
        [ -f "$unit" ] || continue
        name=${unit##*/}
        wanted=$(sed -n 's/^WantedBy=//p' "$unit")
        for target in $wanted; do
            dir=
            for part in etc systemd system "$target.wants"; do
                dir=$dir/$part
                make_dir "$dir"
            done
            link=$dir/$name
            if [ -h "$root$link" ] && ours "l $link"; then
                keep_backup "$link"
                record l "$link"
            else
                set_aside "$link"
                ln -s "/lib/systemd/system/$name" "$root$link"
                record l "$link"
                say "enabled $name ($target)"
            fi
        done
    done
fi

# Guests without systemd (sysvinit, OpenRC as on Alpine): the first-boot hook of their init
# system, which runs /lib/smartdc/triton-guest.sh --live (it does nothing where no SmartOS/Triton
# host is). The hooks come from opt/guest-tools/share/init.
hook_link() { # target, absolute link path
    if [ -h "$root$2" ] && [ "$(readlink "$root$2")" = "$1" ] && ours "l $2"; then
        keep_backup "$2"
        record l "$2"
        return 0
    fi
    set_aside "$2"
    rm -f "$root$2"
    ln -s "$1" "$root$2"
    record l "$2"
    say "linked $2 -> $1"
}
hooks=opt/guest-tools/share/init
if [ "$systemd" = no ] && [ -d "$hooks" ]; then
    if [ -x "$root/sbin/openrc" ] || [ -x "$root/sbin/openrc-run" ] || [ -d "$root/etc/local.d" ]; then
        make_dir /etc/local.d
        install_file "$hooks/triton-guest.start" /etc/local.d/triton-guest.start
        # OpenRC runs /etc/local.d/*.start from its "local" service; enable it unless it is.
        if [ -e "$root/etc/init.d/local" ] && [ -d "$root/etc/runlevels/default" ]; then
            if ours "l /etc/runlevels/default/local" || { [ ! -e "$root/etc/runlevels/default/local" ] \
                    && [ ! -h "$root/etc/runlevels/default/local" ]; }; then
                hook_link /etc/init.d/local /etc/runlevels/default/local
            fi
        fi
    elif [ -d "$root/etc/init.d" ]; then
        install_file "$hooks/triton-guest.init" /etc/init.d/triton-guest
        for level in 2 3 4 5; do
            if [ -d "$root/etc/rc$level.d" ]; then
                hook_link ../init.d/triton-guest "/etc/rc$level.d/S99triton-guest"
            fi
        done
    else
        say "note: no systemd, OpenRC or SysV init directory found: run /lib/smartdc/triton-guest.sh --live at boot"
    fi
fi

# Class data sharing archive for the bundled runtime: dumped here, not shipped, because JDK 17
# does not write it reproducibly. Skipped with a note when the runtime cannot run on this machine.
java=$root$prefix/runtime/bin/java
jsa=$prefix/runtime/lib/server/classes.jsa
if [ -x "$java" ]; then
    # Kept from an earlier installation only while this runtime can map it: a new image's runtime
    # rejects the old one, and every tool would then start without any archive.
    if ours "f $jsa" && [ -f "$root$jsa" ] \
            && "$java" -Xshare:on -XX:SharedArchiveFile="$root$jsa" -version >/dev/null 2>&1; then
        record f "$jsa"
    elif "$java" -XX:SharedArchiveFile="$root$jsa.guest-tools-new" -Xshare:dump >"$work/cds.log" 2>&1 \
            && mv -f "$root$jsa.guest-tools-new" "$root$jsa"; then
        # Renamed into place when complete: a truncated archive would crash every JVM that maps it.
        record f "$jsa"
        say "generated class data sharing archive $jsa"
    else
        rm -f "$root$jsa" "$root$jsa.guest-tools-new"
        say "note: could not generate $jsa here (the tools still run, only start more slowly)"
    fi
fi

# The tools' application class-data archives: made by their first run (mdata-launch for the mdata
# tools, guest-tools-java per main class for the agent and its CLIs), so they are recorded for
# uninstall to remove. Dropped here because each is only valid for the jars it was made from; the
# next run makes a fresh one.
if [ -d "$root$prefix/lib" ]; then
    for name in mdata AgentMain RpcTool GuestInfoTool ToolboxCmd; do
        appjsa=$prefix/lib/$name.jsa
        if [ -e "$root$appjsa" ]; then
            rm -f "$root$appjsa"
            say "removed $appjsa (made again by the next run)"
        fi
        record f "$appjsa"
    done
fi

# Remove what an earlier installation added and this one no longer has, deepest first.
grep -vxF -f "$new" "$old" | sed -n '1!G;h;$p' | while IFS= read -r line; do
    kind=${line%% *}
    path=${line#* }
    case $kind in
        f|l)
            was=
            case $path in /etc/*) was=$(installed_sum "$path") ;; esac
            if [ -n "$was" ] && [ -f "$root$path" ] && [ "$(sum_of "$root$path")" != "$was" ]; then
                mv -f "$root$path" "$root$path.guest-tools-save"
                say "kept your edited $path as $path.guest-tools-save (no longer in the image)"
            else
                rm -f "$root$path"; say "removed obsolete $path"
            fi ;;
        d) rmdir "$root$path" 2>/dev/null && say "removed obsolete $path/" || true ;;
        b) if [ -e "$root$path.guest-tools-orig" ] || [ -h "$root$path.guest-tools-orig" ]; then
               mv "$root$path.guest-tools-orig" "$root$path"; say "restored $path"
           fi ;;
    esac
done

cp "$new" "$root$manifest.guest-tools-new"
mv -f "$root$manifest.guest-tools-new" "$root$manifest"
chmod 644 "$root$manifest"

if [ "$live" = yes ] && [ "$systemd" = yes ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    say "reloaded systemd"
fi
say "guest tools installed under ${root:-/} (manifest: $manifest)"
