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
# The installed layout with the real launcher (its first run below makes lib/mdata.jsa).
mkdir -p "$work/home/bin" "$work/home/lib"
cp "$module"/src/main/scripts/mdata-launch "$module"/src/main/scripts/mdata-get "$work/home/bin/"
cp "$work/lib/"*.jar "$work/home/lib/"

# The variants run interleaved (hello, mdata-get, mdata-get+appcds, launcher, hello, ...), so that the
# machine's load drifts over all of them alike; one warm-up round first.
hello() { "$java" $flags -cp "$work/hello" Hello; }
get() { "$java" $flags -cp "$work/lib/*" io.github.guesttools.mdata.cli.MdataGet sdc:uuid; }
get_cds() {
  "$java" $flags -XX:SharedArchiveFile="$work/mdata.jsa" -cp "$work/lib/*" \
    io.github.guesttools.mdata.cli.MdataGet sdc:uuid
}
launcher() { JAVA="$java" "$work/home/bin/mdata-get" sdc:uuid; }
launcher > /dev/null
i=0
while [ $i -le "$runs" ]; do
  for v in hello get get_cds launcher; do
    s=$(date +%s%N); $v > /dev/null; e=$(date +%s%N)
    [ $i -gt 0 ] && echo "$v $(( (e - s) / 1000 ))" >> "$work/times"
  done
  i=$((i + 1))
done
for v in hello get get_cds launcher; do
  awk -v v=$v '$1 == v {print $2}' "$work/times" | sort -n |
    awk -v l=$v '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %.1f\n", l, m/1000}'
done > "$work/results"
awk 'NR==1 {h=$2} {printf "%-8s median %7.1f ms  ratio to hello %.2f\n", $1, $2, $2/h}' "$work/results"
