#!/bin/sh
# Agent start-up and idle footprint, beside a hello-world JVM with the same flags (baseline).
#  1. time from process start to the first "OK ATR toolbox": a SimulatorMain bridge has "reset"
#     queued before the agent starts; the clock stops when the simulator has the reply.
#  2. VmRSS (/proc/<pid>/status) after IDLE seconds of an idle agent and of an idle JVM.
# Usage: benchmarks/scripts/toolbox-startup.sh [RUNS] [IDLE_SECONDS]
#   JVM flags: $FLAGS (default: the launcher's); the jar: vmware-toolbox/target/*-all.jar
#   (build it with: mvn -B -q -pl vmware-toolbox -am package -DskipTests)
set -eu
runs=${1:-5}
idle=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$(ls "$root"/vmware-toolbox/target/vmware-toolbox-*-all.jar)
flags=${FLAGS-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=256m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m"}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
printf 'reset\n' > "$tmp/script"
cat > "$tmp/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] a) throws Exception {
        System.out.println("hello");
        if (a.length > 0) Thread.sleep(Long.parseLong(a[0]) * 1000);
    }
}
JAVA
javac -d "$tmp" "$tmp/Hello.java"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "flags: $flags"
for i in $(seq "$runs"); do
  t=$(date +%s%N); java $flags -cp "$tmp" Hello > /dev/null; hello=$(ms "$t")
  sock="$tmp/vmx$i.sock"
  java -cp "$jar" io.github.guesttools.backdoor.bridge.SimulatorMain --listen "$sock" --script "$tmp/script" \
      --timeout 60 > "$tmp/sim$i.out" 2>&1 &
  sim=$!
  while ! grep -q listening "$tmp/sim$i.out"; do sleep 0.05; done
  t=$(date +%s%N)
  # shellcheck disable=SC2086
  java $flags -cp "$jar" io.github.guesttools.toolbox.agent.AgentMain --backdoor "unix:$sock" \
      --auth deny-all --log-level warn > "$tmp/agent$i.out" 2>&1 &
  agent=$!
  wait "$sim"
  first=$(ms "$t")
  grep -q 'OK ATR toolbox' "$tmp/sim$i.out" || { echo "no reset reply"; cat "$tmp/sim$i.out"; exit 1; }
  kill -TERM "$agent"; wait "$agent" || true
  echo "run $i: agent first reply ${first} ms, hello world ${hello} ms"
done

sock="$tmp/idle.sock"
java -cp "$jar" io.github.guesttools.backdoor.bridge.SimulatorMain --listen "$sock" > "$tmp/idle-sim.out" 2>&1 &
while ! grep -q listening "$tmp/idle-sim.out"; do sleep 0.05; done
# shellcheck disable=SC2086
java $flags -cp "$jar" io.github.guesttools.toolbox.agent.AgentMain --backdoor "unix:$sock" --auth deny-all \
    --log-level warn > "$tmp/idle-agent.out" 2>&1 &
agent=$!
# shellcheck disable=SC2086
java $flags -cp "$tmp" Hello "$((idle + 30))" > /dev/null &
hello=$!
sleep "$idle"
echo "idle ${idle} s: agent $(grep VmRSS /proc/$agent/status | tr -s ' '), hello world $(grep VmRSS /proc/$hello/status | tr -s ' ')"
