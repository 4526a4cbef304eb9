#!/usr/bin/env bash
# Proves that the components can be released and then used one at a time, as Maven Central users
# take them:
#   1. builds the release profile (-Prelease: sources, javadoc, a detached signature for every
#      file) with a throw-away gpg key made here, and deploys it to a local file repository;
#   2. checks every signature with `gpg --verify` and that every deployed POM has what Central
#      requires (name, description, url, licenses, developers, scm; inherited from the parent POM
#      where Maven inherits them);
#   3. builds small consumer projects (scripts/consumers/) against that repository only: each
#      imports guest-tools-bom and takes exactly one component, resolves nothing from the reactor or
#      the network, runs, and checks its result; its runtime class path must be exactly the jars
#      its module README lists under "## Runtime dependencies".
# Prints one line per check and "staging proof: passed" at the end; exits non-zero on any failure.
#
# usage: scripts/staging-proof.sh
#   MAVEN_REPO_LOCAL=DIR  the local repository the reactor build used (default ~/.m2/repository);
#                         consumers get a copy of it without io/github/guesttools
#   KEEP=1                keep the work directory (printed) for inspection
#   MVN_ARGS="..."        extra arguments for the release build's mvn
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
repo_local=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
work=$(mktemp -d "${TMPDIR:-/tmp}/staging-proof.XXXXXX")
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
read -r -a mvn_args <<<"${MVN_ARGS:-}"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# 1. A throw-away signing key, never committed, gone with the work directory.
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Guest Tools staging proof <staging-proof@invalid>' \
  ed25519 sign 1d 2>/dev/null
echo "ok: throw-away signing key made in $GNUPGHOME"

staging=$work/staging
mvn -B -q -Prelease -DskipTests -Dmaven.repo.local="$repo_local" \
  -DaltDeploymentRepository="staging::file://$staging" "${mvn_args[@]}" deploy \
  || fail "the release build did not deploy"
echo "ok: release build deployed to $staging"

# 2. Signatures and POMs.
deployed=$(find "$staging" -type f \( -name '*.jar' -o -name '*.pom' \) | sort)
[ -n "$deployed" ] || fail "nothing was deployed"
files=0
for f in $deployed; do
  [ -f "$f.asc" ] || fail "no signature for ${f#"$staging"/}"
  gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null || fail "bad signature on ${f#"$staging"/}"
  files=$((files + 1))
done
echo "ok: $files deployed files, each with a good signature"
for jar in $deployed; do
  case $jar in *-sources.jar | *-javadoc.jar | *-tests.jar | *.pom) continue ;; esac # main jars
  for classifier in sources javadoc; do
    [ -f "${jar%.jar}-$classifier.jar" ] || fail "no $classifier jar next to ${jar#"$staging"/}"
  done
done
echo "ok: every deployed jar has its sources and javadoc jars"

python3 - "$staging" <<'EOF' || fail "deployed POMs lack what Central requires"
import pathlib, sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
staging = pathlib.Path(sys.argv[1])
poms = {}
for p in staging.rglob("*.pom"):
    root = ET.parse(p).getroot()
    poms[root.findtext("m:artifactId", namespaces=ns)] = root
# Maven inherits these from the parent POM (name is never inherited).
inherited = ["description", "url", "licenses/m:license/m:name", "developers/m:developer/m:name",
             "scm/m:url", "scm/m:connection"]
bad = 0
for artifact, root in sorted(poms.items()):
    parent = root.find("m:parent", ns)
    parent_root = poms.get(parent.findtext("m:artifactId", namespaces=ns)) if parent is not None else None
    missing = [] if root.findtext("m:name", namespaces=ns) else ["name"]
    for field in inherited:
        path = "m:" + field
        if not (root.findtext(path, namespaces=ns) or (parent_root is not None
                                                       and parent_root.findtext(path, namespaces=ns))):
            missing.append(field.split("/")[0])
    if missing:
        bad += 1
        print(f"FAIL: {artifact}.pom lacks {', '.join(missing)}")
    else:
        print(f"ok: {artifact}.pom has name, description, url, licenses, developers, scm")
for artifact in ("test-console", "api-check", "benchmarks", "guest-tools-dist", "vmware-toolbox-tour",
                 "architecture-tests"):
    if artifact in poms:
        bad += 1
        print(f"FAIL: {artifact} was deployed (it must not be)")
sys.exit(1 if bad else 0)
EOF

# 3. Consumers: a copy of the local repository without our artifacts (hard links: cheap), whose
# record of where each file came from is dropped so that the staging repository, mirrored for
# every repository id, is the only remote one.
consumer_repo=$work/consumer-repo
cp -al "$repo_local" "$consumer_repo" 2>/dev/null || cp -a "$repo_local" "$consumer_repo"
rm -rf "$consumer_repo/io/github/guesttools"
find "$consumer_repo" \( -name '_remote.repositories' -o -name '*.lastUpdated' \
  -o -name 'resolver-status.properties' -o -name 'maven-metadata-*.xml' \) -delete
cat >"$work/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror><id>staging</id><mirrorOf>*</mirrorOf><url>file://$staging</url></mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>staging</id>
      <repositories>
        <repository>
          <id>staging</id><url>file://$staging</url>
          <releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>staging</activeProfile></activeProfiles>
</settings>
EOF
bom_version=$(python3 -c 'import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().findtext("{http://maven.apache.org/POM/4.0.0}version"))' \
  guest-tools-bom/pom.xml)

consumers=0
for dir in "$root"/scripts/consumers/*/; do
  name=$(basename "$dir")
  project=$work/consumers/$name
  mkdir -p "$project/src/main/java/example"
  cp "$dir/Main.java" "$project/src/main/java/example/"
  extra=""
  if [ -f "$dir/extra-dependencies.xml" ]; then extra=$(cat "$dir/extra-dependencies.xml"); fi
  python3 - "$root/scripts/consumers/pom-template.xml" "$project/pom.xml" "$name" "$extra" <<'EOF'
import sys
template, out, name, extra = sys.argv[1:]
text = open(template).read().replace("@NAME@", "consumer-" + name).replace("@ARTIFACT@", name)
open(out, "w").write(text.replace("@EXTRA@", extra))
EOF
  (cd "$project" && mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$consumer_repo" \
      -Dguest-tools.version="$bom_version" package dependency:build-classpath \
      -Dmdep.outputFile=runtime.cp -DincludeScope=runtime >build.log 2>&1) \
    || { cat "$project/build.log" >&2; fail "consumer of $name did not build from the staging repository"; }
  actual=$(tr ':' '\n' <"$project/runtime.cp" | sed -E 's|.*/||; s/-[0-9][^/]*\.jar$//' | sort)
  # The component itself and the backticked names of the first paragraph under its README's
  # "## Runtime dependencies" (the set architecture-tests checks against the build).
  # shellcheck disable=SC2016 # the backticks are literal Markdown, not a command substitution
  expected=$( { echo "$name"; awk '/^## Runtime dependencies/ {on = 1; next} on && NF {print; exit}' \
    "$root/$name/README.md" | grep -oE '`[^`]+`' | tr -d '`'; } | sort)
  if [ "$actual" != "$expected" ]; then
    echo "expected: $(echo "$expected" | tr '\n' ' ')" >&2
    echo "resolved: $(echo "$actual" | tr '\n' ' ')" >&2
    fail "consumer of $name resolves other runtime jars than its README says"
  fi
  run_dir=$(mktemp -d "$work/run.XXXXXX")
  classpath="$project/target/classes:$(cat "$project/runtime.cp")"
  sim_pid=""
  if [ -f "$dir/needs-simulator" ]; then
    (cd "$project" && mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$consumer_repo" \
        -Dguest-tools.version="$bom_version" dependency:build-classpath -Dmdep.outputFile=test.cp \
        -DincludeScope=test >>build.log 2>&1) || fail "consumer of $name: no test class path"
    java -cp "$(cat "$project/test.cp")" "$(cat "$dir/needs-simulator")" --listen "$run_dir/vmx.sock" \
      >"$run_dir/simulator.log" 2>&1 &
    sim_pid=$!
    for _ in $(seq 1 600); do
      grep -q '^listening' "$run_dir/simulator.log" && break
      kill -0 "$sim_pid" 2>/dev/null || { cat "$run_dir/simulator.log" >&2; fail "the simulator did not start"; }
      sleep 0.1
    done
    grep -q '^listening' "$run_dir/simulator.log" || fail "the simulator did not listen within 60 s"
    arg=$run_dir/vmx.sock
  else
    arg=$run_dir
  fi
  status=0
  output=$(java -cp "$classpath" example.Main "$arg" 2>"$run_dir/stderr") || status=$?
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  [ "$status" -eq 0 ] || { echo "$output" >&2; cat "$run_dir/stderr" >&2; fail "consumer of $name failed (exit $status)"; }
  echo "ok: consumer of $name alone (runtime: $(echo "$actual" | tr '\n' ' ')): $output"
  consumers=$((consumers + 1))
done
echo "staging proof: passed ($files signed files, $consumers consumers)"
