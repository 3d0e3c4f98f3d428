#!/usr/bin/env bash
# python-aa.sh measures how often perflab says faster or slower when it
# should not, and how often it finds a difference that is there, on Python:
#
#   1. file A/A: perflab python on a file of two identical bench_ functions
#      (dict lookups and a small sort, where a process's hash seed and
#      memory layout matter): any verdict but "same" is false.
#   2. file A/B: the same file, its second function doing 10 % more of the
#      same work: "slower" is found, anything else missed.
#   3. lesson A/A: measure/python-sort, the baseline against its placebo
#      (the same function under another name).
#   4. Go A/A, for comparison: data-structures/membership, map against map.
#
# Each is RUNS runs (default 20) of verdict-series (../shared/tools, or
# $VERDICT_SERIES) bounded by --max-time MAXTIME (default 10s), and how long
# the series took. The target of an A/A is at most 1 false verdict in 20,
# the 95 % intervals' own rate.
#
# Usage: .ci/bench/python-aa.sh [RUNS] [MAXTIME] [PARTS]   (PARTS: a subset of 1234, default all)
# Take the exclusive lock around it, it is a measurement:
#   flock -w 900 /tmp/perflab.lock .ci/bench/python-aa.sh 20 10s
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
maxtime=${2:-10s}
parts=${3:-1234}
series=${VERDICT_SERIES:-$(cd .. && pwd)/shared/tools/verdict-series}
[ -x "$series" ] || series=/work/shared/tools/verdict-series

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# $PERFLAB, if set, is the binary measured (an older build, to compare).
if [ -z "${PERFLAB:-}" ]; then
  go build -o "$dir/perflab" ./cmd/perflab
  export PERFLAB=$dir/perflab
fi

# aafile PATH UNITS_B: two bench_ functions whose bodies are the same code,
# the second running UNITS_B units of work where the first runs 10.
aafile() {
  cat >"$1" <<PY
import random

PARAMS = {"n": 2000}


def setup(params):
    rng = random.Random(1)
    keys = ["k%d" % rng.randrange(10 * params["n"]) for _ in range(params["n"])]
    d = {k: i for i, k in enumerate(keys)}
    probe = [rng.choice(keys) for _ in range(20)]
    rows = [(rng.random(), "r%d" % i) for i in range(20)]
    return {"d": d, "probe": probe, "rows": rows}


def bench_a(st):
    d, probe, rows = st["d"], st["probe"], st["rows"]
    t = 0
    for _ in range(10):
        for k in probe:
            t += d[k]
        sorted(rows)
    return t


def bench_b(st):
    d, probe, rows = st["d"], st["probe"], st["rows"]
    t = 0
    for _ in range($2):
        for k in probe:
            t += d[k]
        sorted(rows)
    return t
PY
}
aafile "$dir/aa.py" 10
aafile "$dir/ab.py" 11

run() {
  local t0=$SECONDS
  echo "== $1"
  shift
  echo "   perflab $* --max-time $maxtime, $runs runs"
  "$series" "$runs" "$@" --max-time "$maxtime" | sed 's/^/   /'
  echo "   took $((SECONDS - t0))s"
}
[[ $parts == *1* ]] && run "1. file A/A (any verdict but same is false)" python "$dir/aa.py"
[[ $parts == *2* ]] && run "2. file A/B, b does 10% more work (slower is found)" python "$dir/ab.py"
[[ $parts == *3* ]] && run "3. lesson A/A: measure/python-sort baseline against placebo" run measure/python-sort --strategies baseline,placebo
[[ $parts == *4* ]] && run "4. Go A/A: data-structures/membership map against map" run data-structures/membership --strategies map,map
exit 0
