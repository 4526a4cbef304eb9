#!/bin/sh
# Whole-process start-up of mdata-get against a local metadata server (Unix socket), beside a
# hello-world java run with the same runtime and flags, in the same session. Median of N runs.
#
#   benchmarks/scripts/mdata-get-startup.sh [runs]      (after: mvn -B -pl smartos-mdata -am package -DskipTests)
#
# Prints one line per variant with the median wall time in ms and the ratio to hello world.
set -eu
runs=${1:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)
module=$repo/smartos-mdata
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
java=${JAVA:-java}

jar=$(ls "$module"/target/smartos-mdata-*.jar | grep -v -e sources -e javadoc | head -1)
mkdir -p "$work/lib"
cp "$jar" "$work/lib/"
(cd "$module" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/lib")

cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
"$java" -version 2>&1 | head -1
javac -d "$work/hello" "$work/Hello.java"

cat > "$work/metadata.json" <<'JSON'
{"uuid": "8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e", "hostname": "bench",
 "customer_metadata": {"user-script": "#!/bin/sh\ntrue\n"}, "internal_metadata": {}}
JSON
"$java" -cp "$work/lib/*" io.github.guesttools.mdata.server.MetadataServerMain \
  --metadata "$work/metadata.json" --socket "$work/m.sock" > "$work/server.out" &
server=$!
while ! grep -q socket "$work/server.out" 2>/dev/null; do sleep 0.1; done

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:-UsePerfData"
export MDATA_TRANSPORT="unix:$work/m.sock"

# An application CDS archive, as an installer can make once (see smartos-mdata/README.md).
"$java" $flags -XX:ArchiveClassesAtExit="$work/mdata.jsa" -cp "$work/lib/*" \
  io.github.guesttools.mdata.cli.MdataGet sdc:uuid > /dev/null 2>&1

# median_ms <label> <command...>: runs the command $runs times (after one warm-up).
median_ms() {
  label=$1; shift
  "$@" > /dev/null
  i=0; : > "$work/times"
  while [ $i -lt "$runs" ]; do
    s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$work/times"
    i=$((i + 1))
  done
  sort -n "$work/times" | awk -v l="$label" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %.1f\n", l, m/1000}'
}

{
  median_ms hello "$java" $flags -cp "$work/hello" Hello
  median_ms mdata-get "$java" $flags -cp "$work/lib/*" io.github.guesttools.mdata.cli.MdataGet sdc:uuid
  median_ms mdata-get+appcds "$java" $flags -XX:SharedArchiveFile="$work/mdata.jsa" -cp "$work/lib/*" \
    io.github.guesttools.mdata.cli.MdataGet sdc:uuid
  median_ms hello-again "$java" $flags -cp "$work/hello" Hello
} > "$work/results"
awk 'NR==1 {h=$2} {printf "%-18s median %7.1f ms  ratio to hello %.2f\n", $1, $2, $2/h}' "$work/results"
