#!/bin/sh
# CPU of an idle TCLO poll loop at the 100 ms back-off cap, against an idle baseline thread.
# Usage: benchmarks/scripts/rpc-idle-cpu.sh [seconds]   (after: mvn -B -pl benchmarks -am package -DskipTests)
set -eu
cd "$(dirname "$0")/../.."
exec java -cp benchmarks/target/benchmarks.jar io.github.guesttools.benchmarks.rpc.IdleLoopCpu "${1:-60}"
