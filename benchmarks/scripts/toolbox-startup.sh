#!/bin/sh
# Start-up and idle footprint of the agent and of mdata-get as installed from the image, each beside
# a hello world on the same runtime (the image's jlink runtime with the base class-data archive
# install.sh makes) and the same JVM flags, interleaved in one run:
#  1. agent: time from starting usr/sbin/vmware-toolbox (the launcher, guest-tools-java's service
#     profile) to the first "OK ATR toolbox" held by a SimulatorMain bridge that had "reset" queued;
#     hello world with the service profile's flags.
#  2. mdata-get: usr/sbin/mdata-get (mdata-launch) against a MetadataServerMain on a Unix socket
#     (SmartOS zones), and on a serial line, a pty (KVM and bhyve guests); hello world with
#     mdata-launch's flags.
#  2b. vmware-rpctool on the native backdoor (guest-tools-java's cli profile): JNA, the port helper
#     and the CPUID check; hello world with the cli profile's flags.
#  3. VmRSS (/proc/<pid>/status) after IDLE seconds of an idle agent and of an idle hello world
#     (service flags).
#  4. Floors: what the agent and mdata-get pay before any code of ours runs. floor_*: a program that
#     only opens a Unix socket channel (the bridge's and mdata's transport), started with the tool's
#     flags, class path and application archive; chain_*: the launcher chain with java replaced by
#     /bin/true. Their sum is the least either can take without a smaller JVM or no launcher; the
#     idle floor is a hello world that maps lib/AgentMain.jsa.
# A warm-up round first: the launchers' first runs make their application class-data archives
# (lib/AgentMain.jsa, lib/mdata.jsa), as on a guest. Medians of RUNS rounds.
# Usage: benchmarks/scripts/toolbox-startup.sh [RUNS] [IDLE_SECONDS] [IMAGE.tar.gz]
#   IMAGE: default guest-tools-dist/target/guest-tools-*.tar.gz (mvn -B -Pdist package -DskipTests)
# The simulator is not in the image: it runs from backdoor-simulator/target (same package run).
set -eu
runs=${1:-10}
idle=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
image=${3:-$(ls "$root"/guest-tools-dist/target/guest-tools-*.tar.gz | head -1)}
tmp=$(mktemp -d)
# Every background process is listed here and stopped on exit (dash's "jobs -p" sees none in a trap).
pids=
trap 'kill $pids 2>/dev/null || true; rm -rf "$tmp"' EXIT

tar -xzpf "$image" -C "$tmp"
dest=$tmp/root
mkdir -p "$dest"
sh "$tmp"/guest-tools-*/linux/install.sh --destdir "$dest" --no-systemd > /dev/null
home=$dest/opt/guest-tools
simcp="$(ls "$root"/backdoor-simulator/target/backdoor-simulator-*.jar | grep -v -e sources -e javadoc | head -1):$home/lib/*"
java=$home/runtime/bin/java
export GUEST_TOOLS_CONF="$dest/etc/guest-tools/guest-tools.conf"
service=$(sed -n 's/^ *service) flags="\([^"]*\)".*/\1/p' "$home/bin/guest-tools-java")
mdata="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:-UsePerfData"
cli=$(sed -n 's/^ *cli) flags="\([^"]*\)".*/\1/p' "$home/bin/guest-tools-java")
echo "image: $(basename "$image"), runtime: $("$java" -version 2>&1 | head -1)"
echo "service flags: $service"
echo "mdata flags:   $mdata"
echo "cli flags:     $cli"

cat > "$tmp/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] a) throws Exception {
        System.out.println("hello");
        if (a.length > 0) Thread.sleep(Long.parseLong(a[0]) * 1000);
    }
}
JAVA
cat > "$tmp/Floor.java" <<'JAVA'
public class Floor {
    public static void main(String[] a) throws Exception {
        try (var c = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(a[0]))) {
            System.out.println("floor");
        }
    }
}
JAVA
javac --release 17 -d "$tmp" "$tmp/Hello.java" "$tmp/Floor.java"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

cat > "$tmp/metadata.json" <<'JSON'
{"uuid": "8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e", "hostname": "bench", "customer_metadata": {}, "internal_metadata": {}}
JSON
"$java" -cp "$home/lib/*" io.github.guesttools.mdata.server.MetadataServerMain \
    --metadata "$tmp/metadata.json" --socket "$tmp/m.sock" > "$tmp/server.out" 2>&1 &
pids="$pids $!"
while ! grep -q socket "$tmp/server.out" 2>/dev/null; do sleep 0.05; done
"$java" -cp "$home/lib/*" io.github.guesttools.mdata.server.MetadataServerMain \
    --metadata "$tmp/metadata.json" --pty-link "$tmp/ttyS1" > "$tmp/pty-server.out" 2>&1 &
pids="$pids $!"
while ! grep -q pty "$tmp/pty-server.out" 2>/dev/null; do sleep 0.05; done
export MDATA_TRANSPORT="unix:$tmp/m.sock"
printf 'reset\n' > "$tmp/script"

# One agent start to its first reply; prints the milliseconds.
agent_first_reply() {
    sock=$tmp/vmx.sock
    rm -f "$sock"
    "$java" -cp "$simcp" io.github.guesttools.backdoor.simulator.bridge.SimulatorMain --listen "$sock" \
        --script "$tmp/script" --timeout 60 > "$tmp/sim.out" 2>&1 &
    sim=$!
    while ! grep -q listening "$tmp/sim.out"; do sleep 0.02; done
    t=$(date +%s%N)
    "$dest/usr/sbin/vmware-toolbox" --config "$dest/etc/vmware-toolbox/toolbox.conf" --backdoor "unix:$sock" \
        --auth deny-all --log-level warn > "$tmp/agent.out" 2>&1 &
    agent=$!
    wait "$sim"
    first=$(ms "$t")
    grep -q 'OK ATR toolbox' "$tmp/sim.out" || { echo "no reset reply" >&2; cat "$tmp/sim.out" "$tmp/agent.out" >&2; exit 1; }
    # The warm-up run lingers (LINGER seconds), as an agent's first start on a guest runs on: its
    # archive then also holds the guest operations the agent builds a second after TCLO starts.
    sleep "${LINGER:-0}"
    kill -TERM "$agent"; wait "$agent" || true
    echo "$first"
}
# shellcheck disable=SC2086 # flags are words on purpose
hello_service() { t=$(date +%s%N); "$java" $service -cp "$tmp" Hello > /dev/null; ms "$t"; }
# shellcheck disable=SC2086
hello_mdata() { t=$(date +%s%N); "$java" $mdata -cp "$tmp" Hello > /dev/null; ms "$t"; }
mdata_get() { t=$(date +%s%N); "$dest/usr/sbin/mdata-get" sdc:uuid > /dev/null; ms "$t"; }
# The KVM/bhyve guests' path: a serial line (here a pty), JNA for termios, and the protocol's
# drain of stale input before the probe (10 ms of quiet; mdata-client waits 100 ms).
mdata_get_serial() {
    t=$(date +%s%N)
    MDATA_TRANSPORT="serial:$tmp/ttyS1" "$dest/usr/sbin/mdata-get" sdc:uuid > /dev/null
    ms "$t"
}
# shellcheck disable=SC2086
floor_agent() {
    t=$(date +%s%N)
    "$java" $service -XX:SharedArchiveFile="$home/lib/AgentMain.jsa" -cp "$home/lib/*:$tmp" Floor "$tmp/m.sock" > /dev/null
    ms "$t"
}
chain_agent() {
    t=$(date +%s%N)
    GUEST_TOOLS_CONF=$tmp/true.conf "$dest/usr/sbin/vmware-toolbox" --backdoor "unix:$tmp/none" > /dev/null
    ms "$t"
}
# shellcheck disable=SC2086
floor_mdata() {
    t=$(date +%s%N)
    "$java" $mdata -XX:SharedArchiveFile="$home/lib/mdata.jsa" -cp "$mdatacp:$tmp" Floor "$tmp/m.sock" > /dev/null
    ms "$t"
}
chain_mdata() { t=$(date +%s%N); JAVA=/bin/true "$dest/usr/sbin/mdata-get" sdc:uuid > /dev/null; ms "$t"; }
# One process start as these functions time it: a floor's JVM and its chain each include one.
process_start() { t=$(date +%s%N); /bin/true; ms "$t"; }
echo "GUEST_TOOLS_JAVA=/bin/true" > "$tmp/true.conf"
mdatacp=$(ls "$home"/lib/smartos-mdata-[0-9]*.jar):$(ls "$home"/lib/jna-[0-9]*.jar)
# shellcheck disable=SC2086
hello_cli() { t=$(date +%s%N); "$java" $cli -cp "$tmp" Hello > /dev/null; ms "$t"; }
# vmware-rpctool on the native backdoor: JNA, the port helper and the CPUID check; off VMware it
# refuses there (exit 3), on VMware it then asks the host for an unset key.
rpctool_native() {
    t=$(date +%s%N)
    "$dest/usr/sbin/vmware-rpctool" 'info-get guestinfo.startup-benchmark' > /dev/null 2>&1 || true
    ms "$t"
}

LINGER=5
agent_first_reply > /dev/null
LINGER=0
mdata_get > /dev/null
mdata_get_serial > /dev/null
rpctool_native > /dev/null
ls "$home"/lib/*.jsa | sed 's,.*/,archive made by the warm-up: ,'
# The floors must map the tools' archives (-Xshare:on fails when an archive cannot be used).
# shellcheck disable=SC2086
"$java" $service -Xshare:on -XX:SharedArchiveFile="$home/lib/AgentMain.jsa" -Xlog:class+load -cp "$home/lib/*:$tmp" \
    Floor "$tmp/m.sock" | grep 'shared objects file (top)' > /dev/null || { echo "floor_agent does not map AgentMain.jsa" >&2; exit 1; }
# shellcheck disable=SC2086
"$java" $mdata -Xshare:on -XX:SharedArchiveFile="$home/lib/mdata.jsa" -Xlog:class+load -cp "$mdatacp:$tmp" \
    Floor "$tmp/m.sock" | grep 'shared objects file (top)' > /dev/null || { echo "floor_mdata does not map mdata.jsa" >&2; exit 1; }
# Footprint of the installed tree after the first runs (du, KiB; the tar.xz beside the tar.gz).
kib() { du -sk "$@" | awk '{s += $1} END {print s}'; }
echo "footprint KiB: installed $(kib "$dest"), runtime $(kib "$home/runtime") (lib/modules" \
    "$(kib "$home/runtime/lib/modules"), libjvm.so $(kib "$home/runtime/lib/server/libjvm.so"))," \
    "base archive $(kib "$home/runtime/lib/server/classes.jsa" 2>/dev/null || echo 0)," \
    "jars $(kib "$home"/lib/*.jar), application archives $(kib "$home"/lib/*.jsa)"
xz=${image%.tar.gz}.tar.xz
[ -f "$xz" ] && echo "tar.xz image: $(wc -c < "$xz") bytes"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
variants="hello_service agent_first_reply floor_agent chain_agent hello_mdata mdata_get floor_mdata chain_mdata
    mdata_get_serial hello_cli rpctool_native process_start"
i=1
while [ "$i" -le "$runs" ]; do
    for v in $variants; do
        echo "$v $($v)" >> "$tmp/times"
    done
    i=$((i + 1))
done
for v in $variants; do
    awk -v v=$v '$1 == v {print $2}' "$tmp/times" | sort -n |
        awk -v l=$v '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %.1f %s %s\n", l, m, a[1], a[NR]}'
done > "$tmp/results"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '$1 ~ /^hello/ {h=$2} {printf "%-18s median %6.1f ms (min %s, max %s)  ratio to the hello world above %.2f\n", $1, $2, $3, $4, $2/h}' \
    "$tmp/results"
awk '{m[$1] = $2}
    END {
        p = m["process_start"]
        printf "floor, agent: JVM %.1f + launchers %.1f - one process start %.1f = %.1f ms, %.2f x its hello world (goal 1.5)\n",
            m["floor_agent"], m["chain_agent"], p, m["floor_agent"] + m["chain_agent"] - p,
            (m["floor_agent"] + m["chain_agent"] - p) / m["hello_service"]
        printf "floor, mdata-get: JVM %.1f + launcher %.1f - one process start %.1f = %.1f ms, %.2f x its hello world (goal 1.2)\n",
            m["floor_mdata"], m["chain_mdata"], p, m["floor_mdata"] + m["chain_mdata"] - p,
            (m["floor_mdata"] + m["chain_mdata"] - p) / m["hello_mdata"]
    }' "$tmp/results"

sock=$tmp/idle.sock
"$java" -cp "$simcp" io.github.guesttools.backdoor.simulator.bridge.SimulatorMain --listen "$sock" > "$tmp/idle-sim.out" 2>&1 &
pids="$pids $!"
while ! grep -q listening "$tmp/idle-sim.out"; do sleep 0.05; done
"$dest/usr/sbin/vmware-toolbox" --config "$dest/etc/vmware-toolbox/toolbox.conf" --backdoor "unix:$sock" \
    --auth deny-all --log-level warn > "$tmp/idle-agent.out" 2>&1 &
agent=$!
pids="$pids $agent"
# shellcheck disable=SC2086
"$java" $service -cp "$tmp" Hello "$((idle + 30))" > /dev/null &
hello=$!
pids="$pids $hello"
# shellcheck disable=SC2086
"$java" $service -XX:SharedArchiveFile="$home/lib/AgentMain.jsa" -cp "$home/lib/*:$tmp" Hello "$((idle + 30))" > /dev/null &
floor=$!
pids="$pids $floor"
sleep "$idle"
a=$(awk '/VmRSS/ {print $2}' /proc/$agent/status)
h=$(awk '/VmRSS/ {print $2}' /proc/$hello/status)
f=$(awk '/VmRSS/ {print $2}' /proc/$floor/status)
awk -v a="$a" -v h="$h" -v f="$f" -v i="$idle" \
    'BEGIN {printf "idle %s s VmRSS: agent %.1f MiB, hello world %.1f MiB, ratio %.2f; floor (hello world mapping AgentMain.jsa) %.1f MiB, %.2f x\n", i, a/1024, h/1024, a/h, f/1024, f/h}'
