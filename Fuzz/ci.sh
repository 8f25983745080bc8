#!/usr/bin/env bash
# CI's short fuzzing pass: each libFuzzer target for SECONDS seconds (default 30), one after the
# other, after `swift test`. Any crash, timeout or leak fails the run (Fuzz/run.sh exits non-zero
# and leaves the input in fuzz-artifacts/TARGET/).
#
#   Fuzz/ci.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
for target in fuzz-rules fuzz-classify fuzz-normalizer; do
  echo "== $target: ${seconds}s"
  start=$(date +%s)
  # -close_fd_mask=1: the targets print nothing useful on stdout; keep CI's log short.
  # The fuzzer's own status decides (not grep's, and not masked by pipefail).
  set +e
  Fuzz/run.sh "$target" "$seconds" -close_fd_mask=1 2>&1 |
    grep -E "^(stat::|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|error:)"
  statuses=("${PIPESTATUS[@]}")
  set -e
  status=${statuses[0]}
  echo "== $target: exit $status after $(($(date +%s) - start))s (build included)"
  [ "$status" -eq 0 ] || exit "$status"
done
