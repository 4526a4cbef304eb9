#!/usr/bin/env bash
# Validates the guest tools on a real ESXi host or vCenter, from your workstation, with govc:
# the VM's tools status, every guest operation govc offers, a /proc download, directory
# transfers as tar.gz, and soft shutdown and reboot. One PASS/FAIL line per check, then
# "N passed, M failed"; exit status 0 only when every check passed.
#
# usage: validate-guest-tools.sh --vm NAME [--install IMAGE.tar.gz] [--skip-power] [--dry-run]
#
# govc connection: GOVC_URL (and GOVC_USERNAME/GOVC_PASSWORD, GOVC_INSECURE=1 for a
# self-signed certificate) as for any govc command. Guest login: GOVC_GUEST_LOGIN=user:password
# (an account in the guest; root lets chown and every check run). See README.md.
set -euo pipefail

usage() {
  echo "usage: $0 --vm NAME [--install IMAGE.tar.gz] [--skip-power] [--dry-run]" >&2
  exit 2
}

vm=${GOVC_VM:-}
image=""
skip_power=0
dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --vm) [ $# -ge 2 ] || usage; vm=$2; shift 2 ;;
    --install) [ $# -ge 2 ] || usage; image=$2; shift 2 ;;
    --skip-power) skip_power=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
[ -n "$vm" ] || usage
if [ "$dry_run" -eq 0 ]; then
  command -v govc >/dev/null 2>&1 || { echo "govc not found on the PATH (see README.md)" >&2; exit 2; }
  [ -n "${GOVC_GUEST_LOGIN:-}" ] || { echo "set GOVC_GUEST_LOGIN=user:password (see README.md)" >&2; exit 2; }
fi
# The login stays in the environment (never on a command line or in the output).
export GOVC_GUEST_LOGIN="${GOVC_GUEST_LOGIN:-}"

# Unique names: several runs against one VM do not collide.
run_id="gt-validate-$$-$RANDOM"
dir="/tmp/$run_id"
local_dir=$(mktemp -d)
trap 'rm -rf "$local_dir"' EXIT
exec 3>&1   # the console, also from inside $(...)

passed=0
failed=0
checks=0

# govc, or in a dry run its command line on the console.
g() {
  if [ "$dry_run" -eq 1 ]; then
    printf '  govc' >&3
    printf ' %q' "$@" >&3
    printf '\n' >&3
  else
    govc "$@"
  fi
}

# govc with a time limit (a real run only).
g_within() {
  local seconds=$1
  shift
  if [ "$dry_run" -eq 1 ]; then
    g "$@"
  else
    timeout "$seconds" govc "$@"
  fi
}

# A guest operation on the VM under test.
gg() {
  local op=$1
  shift
  g "$op" -vm "$vm" "$@"
}

fail() {
  echo "$*" >&2
  return 1
}

# check NAME FUNCTION: runs FUNCTION in a subshell with errexit; PASS or FAIL with its output.
check() {
  local name=$1 rc
  shift
  checks=$((checks + 1))
  if [ "$dry_run" -eq 1 ]; then
    echo "check: $name"
    ( "$@" ) >/dev/null 2>&1 || true
    return 0
  fi
  set +e
  ( set -e; "$@" ) >"$local_dir/check.log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    sed 's/^/    /' "$local_dir/check.log" | tail -n 20
    failed=$((failed + 1))
  fi
}

# The VM's summary as one line of JSON without blanks, for field matches.
vm_json() {
  g vm.info -json "$vm" | tr -d ' \t\r\n'
}

# wait_for SECONDS CONDITION...: polls CONDITION every 5 s until it holds or the time is up.
wait_for() {
  local seconds=$1 start
  shift
  [ "$dry_run" -eq 1 ] && { "$@" || true; return 0; }
  start=$(date +%s)
  until "$@"; do
    [ $(( $(date +%s) - start )) -lt "$seconds" ] || fail "timed out after ${seconds}s: $*"
    sleep 5
  done
}

tools_running() { vm_json | grep -qi '"toolsRunningStatus":"guestToolsRunning"'; }
tools_unmanaged() { vm_json | grep -qi '"toolsVersionStatus2":"guestToolsUnmanaged"'; }
powered_off() { vm_json | grep -qi '"powerState":"poweredOff"'; }

# ---- checks ------------------------------------------------------------------------------

install_image() {
  gg guest.upload -f "$image" "/tmp/$run_id.tar.gz"
  gg guest.run /bin/sh -c "mkdir -p $dir.image && tar -xzf /tmp/$run_id.tar.gz -C $dir.image && sh $dir.image/*/linux/install.sh"
  # Hand over from a running vmtoolsd to the agent after this call has returned.
  gg guest.start /bin/sh -c "sleep 2; systemctl disable --now open-vm-tools vmtoolsd 2>/dev/null; systemctl restart vmware-guest-agent"
  wait_for 300 tools_unmanaged
  wait_for 300 tools_running
}

info_tools_running() { wait_for 120 tools_running; }
info_version_unmanaged() { tools_unmanaged || fail "toolsVersionStatus2 is not guestToolsUnmanaged"; }
info_ip() {
  local ip
  ip=$(g vm.ip -wait 2m "$vm")
  [ "$dry_run" -eq 1 ] || [ -n "$ip" ] || fail "no IP address reported"
}
info_guest_net() { vm_json | grep -qi '"net":\[{' || fail "guest.net is empty"; }

op_mkdir() {
  gg guest.mkdir -p "$dir/sub/deeper"
  gg guest.ls "$dir/sub" | grep -q deeper
}
op_mktemp() {
  local f d
  f=$(gg guest.mktemp -t "$run_id")
  d=$(gg guest.mktemp -d -p "$dir")
  f=${f:-TEMPFILE} d=${d:-TEMPDIR}
  gg guest.ls "$f" | grep -q .
  gg guest.rm "$f"
  gg guest.rmdir "$d"
}
op_upload_download() {
  head -c 300000 /dev/urandom >"$local_dir/data.bin"
  gg guest.upload -f "$local_dir/data.bin" "$dir/data.bin"
  gg guest.download -f "$dir/data.bin" "$local_dir/back.bin"
  cmp "$local_dir/data.bin" "$local_dir/back.bin"
}
op_ls() { gg guest.ls "$dir" | grep -q data.bin; }
op_chmod() {
  gg guest.chmod 0640 "$dir/data.bin"
  [ "$(gg guest.run /usr/bin/stat -c %a "$dir/data.bin")" = 640 ]
}
op_chown() {
  local ids
  # shellcheck disable=SC2016 # expanded by the guest's shell
  ids=$(gg guest.run /bin/sh -c 'echo "$(id -u):$(id -g)"')
  ids=${ids:-UID:GID}
  gg guest.chown "$ids" "$dir/data.bin"
  [ "$(gg guest.run /usr/bin/stat -c %u:%g "$dir/data.bin")" = "$ids" ]
}
op_touch() {
  gg guest.touch "$dir/touched"
  gg guest.touch -d "2020-01-02T03:04:05Z" "$dir/touched"
  [ "$(gg guest.run /usr/bin/stat -c %Y "$dir/touched")" = 1577934245 ]
  gg guest.touch -c "$dir/not-created"
  ! gg guest.ls "$dir" | grep -q not-created
}
op_mv() {
  gg guest.mv "$dir/data.bin" "$dir/moved.bin"
  gg guest.ls "$dir" | grep -q moved.bin
  ! gg guest.ls "$dir" | grep -q 'data\.bin'
}
op_rm() {
  gg guest.rm "$dir/moved.bin"
  ! gg guest.ls "$dir" | grep -q moved.bin
}
op_rmdir() {
  gg guest.rmdir "$dir/sub/deeper"
  ! gg guest.ls "$dir/sub" | grep -q deeper
}
op_start_ps_kill() {
  local pid
  pid=$(gg guest.start /bin/sleep 600)
  pid=${pid:-PID}
  gg guest.ps -p "$pid" | grep -q sleep
  gg guest.kill -p "$pid"
  # TerminateProcess answers once the signal is sent; -X polls until the exit shows.
  g_within 120 guest.ps -vm "$vm" -X -p "$pid"
  gg guest.ps -x -p "$pid" | grep -q "$pid"
}
op_getenv() { gg guest.getenv HOME | grep -q '^HOME=/'; }
op_run_stdin_stdout() {
  [ "$(gg guest.run -d "hello from stdin" /usr/bin/tr a-z A-Z)" = "HELLO FROM STDIN" ]
  local rc=0
  gg guest.run /bin/sh -c 'exit 3' || rc=$?
  [ "$dry_run" -eq 1 ] || [ "$rc" -eq 3 ] || fail "exit code $rc, expected 3"
}
op_proc_download() { gg guest.download /proc/self/status - | grep -q '^Name:'; }
op_archive_download() {
  gg guest.run /bin/sh -c "echo archived > $dir/sub/a.txt"
  gg guest.download -f "/archive:$dir/sub?format=tgz" "$local_dir/dir.tgz"
  # the guest ends an archive with a 3-byte trailer after the gzip stream; tar ignores it
  tar -tzf "$local_dir/dir.tgz" | grep -q 'a\.txt'
}
op_archive_upload() {
  mkdir -p "$local_dir/up/tree"
  echo uploaded >"$local_dir/up/tree/b.txt"
  tar -czf "$local_dir/up.tgz" -C "$local_dir/up" tree
  gg guest.upload -f "$local_dir/up.tgz" "/archive:$dir/unpacked?format=tgz"
  [ "$(gg guest.download "$dir/unpacked/tree/b.txt" -)" = uploaded ]
}
cleanup_dir() { gg guest.rmdir -r "$dir"; }
power_shutdown_and_on() {
  g vm.power -s "$vm"
  wait_for 300 powered_off
  g vm.power -on "$vm"
  wait_for 300 tools_running
}
power_reboot() {
  g vm.power -r "$vm"
  sleep 20
  wait_for 300 tools_running
}

if [ -n "$image" ]; then
  check "install $image and hand over from vmtoolsd" install_image
fi
check "vm.info: tools running" info_tools_running
check "vm.info: version status guestToolsUnmanaged" info_version_unmanaged
check "vm.ip: an IP address" info_ip
check "vm.info: guest.net lists NICs" info_guest_net
check "guest.mkdir -p" op_mkdir
check "guest.mktemp (file and -d)" op_mktemp
check "guest.upload and guest.download (300 kB, compared)" op_upload_download
check "guest.ls" op_ls
check "guest.chmod" op_chmod
check "guest.chown" op_chown
check "guest.touch (-d, -c)" op_touch
check "guest.mv" op_mv
check "guest.rm" op_rm
check "guest.rmdir" op_rmdir
check "guest.start, guest.ps, guest.kill, guest.ps -X" op_start_ps_kill
check "guest.getenv" op_getenv
check "guest.run with stdin and stdout, exit code" op_run_stdin_stdout
check "guest.download of a /proc file" op_proc_download
check "guest.download of a directory as tar.gz" op_archive_download
check "guest.upload of a tar.gz into a directory" op_archive_upload
check "guest.rmdir -r (clean-up)" cleanup_dir
if [ "$skip_power" -eq 0 ]; then
  check "vm.power -s (soft shutdown), then on" power_shutdown_and_on
  check "vm.power -r (soft reboot)" power_reboot
fi

if [ "$dry_run" -eq 1 ]; then
  echo "dry run: $checks checks, no govc command run"
  exit 0
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
