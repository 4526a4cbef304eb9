#!/usr/bin/env bash
# Runs the README's test command N times while CPU burners keep every core busy, then prints
# "N passed, M failed" on its own line and exits non-zero if any run failed.
#
# usage: scripts/verify-under-load.sh [N]          (N defaults to 5)
#   SKIP_DEPS=1     skip ./install-build-deps.sh (it needs root or sudo; run it once before)
#   BURNERS=K       number of busy loops (default: one per core, nproc)
#   RANDOM_ORDER=1  also shuffle test classes and methods (JUnit's Random orderers)
#   MVN_ARGS="..."  extra arguments for mvn, e.g. -Dmaven.repo.local=/path
#   LOG_DIR=DIR     where each run's output goes (default: a new temporary directory)
#   SKIP_STAGING=1  run only mvn verify, not scripts/staging-proof.sh (the rest of the README's command)
set -euo pipefail

n=${1:-5}
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N >= 1)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
burners=${BURNERS:-$(nproc)}
log_dir=${LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/verify-under-load.XXXXXX")}
mkdir -p "$log_dir"
read -r -a mvn_args <<<"${MVN_ARGS:-}"
repo_local=$HOME/.m2/repository
for arg in "${mvn_args[@]}"; do
  case $arg in -Dmaven.repo.local=*) repo_local=${arg#-Dmaven.repo.local=} ;; esac
done
if [ "${RANDOM_ORDER:-0}" = 1 ]; then
  mvn_args+=("-Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer\$Random"
             "-Djunit.jupiter.testmethod.order.default=org.junit.jupiter.api.MethodOrderer\$Random")
fi

burner_pids=()
stop_burners() {
  if [ "${#burner_pids[@]}" -gt 0 ]; then
    kill "${burner_pids[@]}" 2>/dev/null || true
    wait "${burner_pids[@]}" 2>/dev/null || true
  fi
}
trap stop_burners EXIT
trap 'exit 130' INT TERM
for ((i = 0; i < burners; i++)); do
  ( while :; do :; done ) &
  burner_pids+=("$!")
done
echo "$burners CPU burners running (pids ${burner_pids[*]}); logs in $log_dir"

passed=0
failed=0
for ((run = 1; run <= n; run++)); do
  log="$log_dir/run-$run.log"
  start=$(date +%s)
  if { [ "${SKIP_DEPS:-0}" = 1 ] || ./install-build-deps.sh; } >"$log" 2>&1 \
      && mvn -B "${mvn_args[@]}" verify >>"$log" 2>&1 \
      && { [ "${SKIP_STAGING:-0}" = 1 ] || MAVEN_REPO_LOCAL="$repo_local" scripts/staging-proof.sh; } >>"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $run/$n: passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1))
    echo "run $run/$n: FAILED in $(( $(date +%s) - start )) s; see $log"
    grep -E '^\[ERROR\] (Tests run|  [A-Za-z].*:[0-9]+|Failures|Errors)' "$log" | head -n 20 || true
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
