#!/bin/sh
# CPU of the idle TCLO loop plus the periodic time-sync loop at a 1 s period, against a sleeping baseline.
# Usage: benchmarks/scripts/timesync-idle-cpu.sh [seconds]   (after: mvn -B -pl benchmarks -am package -DskipTests)
set -eu
cd "$(dirname "$0")/../.."
exec java -cp benchmarks/target/benchmarks.jar io.github.guesttools.benchmarks.rpc.TimeSyncIdleCpu "${1:-60}"
