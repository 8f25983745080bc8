#!/usr/bin/env bash
# Builds one libFuzzer target and fuzzes it for SECONDS seconds.
#
#   Fuzz/run.sh fuzz-rules|fuzz-classify|fuzz-normalizer SECONDS [libFuzzer flags...]
#
# Every module is compiled with AddressSanitizer and libFuzzer's coverage instrumentation;
# FANGFEI_FUZZ=1 makes Package.swift link the fuzz-* executables with libFuzzer and define
# FUZZING. Builds go to .build-fuzz-lf, or FUZZ_SCRATCH (FUZZ_CONFIG=release for an optimised build, about 4x
# more executions a second but a slower build). New inputs collect in .build-fuzz-lf/corpus/TARGET;
# crashes, timeouts and leaks are written to fuzz-artifacts/TARGET/ and make the script fail.
# Replay or minimise one with the built binary (SWIFT_BACKTRACE=enable=no, as below), e.g.
#   .build-fuzz-lf/debug/fuzz-classify fuzz-artifacts/fuzz-classify/crash-…
#   .build-fuzz-lf/debug/fuzz-classify -minimize_crash=1 -runs=10000 fuzz-artifacts/fuzz-classify/crash-…
# then save the minimised input under Fuzz/regressions/TARGET/ (swift test replays it).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  echo "usage: Fuzz/run.sh fuzz-rules|fuzz-classify|fuzz-normalizer SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
case "$target" in
  fuzz-rules) seeds=(rules) ;;
  fuzz-classify | fuzz-normalizer) seeds=(corpus/samples) ;;
  *)
    echo "unknown target '$target' (fuzz-rules, fuzz-classify, fuzz-normalizer)" >&2
    exit 2
    ;;
esac
config=${FUZZ_CONFIG:-debug}
scratch=${FUZZ_SCRATCH:-.build-fuzz-lf}

# The build-tool plugins' executables are instrumented too; they must not fail on leak reports.
ASAN_OPTIONS=detect_leaks=0 FANGFEI_FUZZ=1 swift build -c "$config" --scratch-path "$scratch" --product "$target" \
  -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
  -Xswiftc -use-ld=lld

# Swift's own crash backtracer would race libFuzzer's handler (and trip AddressSanitizer).
export SWIFT_BACKTRACE=enable=no
# Allocations of the targets' one-time globals are not leaks (see Fuzz/lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
work="$scratch/corpus/$target"
mkdir -p "$work" "fuzz-artifacts/$target" "Fuzz/regressions/$target"
# The first directory receives new inputs; the committed seeds and regressions, and the project's
# own rules or sample messages, are read only.
exec "$scratch/$config/$target" "$work" "Fuzz/corpus/$target" "Fuzz/regressions/$target" "${seeds[@]}" \
  -dict="Fuzz/dict/$target.dict" -max_total_time="$seconds" -max_len=4096 -timeout=25 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="fuzz-artifacts/$target/" "$@"
