#!/usr/bin/env bash
# exec-vs-hyperfine.sh measures perflab exec against hyperfine (Debian package
# hyperfine) side by side in one run: the mean time of the same commands, and
# each tool's overhead per run. Both run the commands without a shell (-N),
# the pipeline as an explicit sh -c, so that both time the same process.
#
# The overhead per run is what a tool spends on each run outside the time it
# reports: from the wall time of the whole tool at two run counts,
# (T(R2) - T(R1)) / (1.1 (R2 - R1)), less the mean it reported; the difference
# of two counts cancels the tool's own start-up, and 1.1 counts the warm-up
# runs, a tenth of the measured ones for both tools.
#
# Usage: .ci/bench/exec-vs-hyperfine.sh [ROUNDS]   (default 3 rounds, A B A B ...)
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/bench/peer.sh
need_peer hyperfine
rounds=${1:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab

# mean_ns FILE TOOL: the mean run time in a tool's JSON, in nanoseconds.
mean_ns() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if sys.argv[2] == "hyperfine":
    print(d["results"][0]["mean"] * 1e9)
else:
    print(d["strategies"][0]["mean_ns"])
PY
}

# run TOOL RUNS CMD OUT: runs CMD RUNS times with TOOL, after RUNS/10 warm-up
# runs, writes its JSON to OUT and prints the tool's whole wall time in ns.
# perflab runs them as 10 repetitions of RUNS/10 runs, its warm-up one more.
run() {
  local tool=$1 runs=$2 cmd=$3 out=$4 t0 t1
  t0=$(date +%s%N)
  if [ "$tool" = hyperfine ]; then
    hyperfine -N --warmup $((runs / 10)) --runs "$runs" --style none --export-json "$out" "$cmd" >/dev/null 2>&1
  else
    "$dir/perflab" exec -N --reps 10 --runs $((runs / 10)) --duration 1h --format json -o "$out" "$cmd" >/dev/null
  fi
  t1=$(date +%s%N)
  echo $((t1 - t0))
}

commands=("true" "sleep 0.01" "sh -c 'seq 2000 | sort -rn | head -1'")
runs=(300 100 200)
printf '%-40s %12s %12s %8s\n' command hyperfine perflab ratio > "$dir/means"
for i in "${!commands[@]}"; do
  cmd=${commands[$i]} n=${runs[$i]}
  hs=() ps=()
  for r in $(seq "$rounds"); do
    run hyperfine "$n" "$cmd" "$dir/h.json" >/dev/null; hs+=("$(mean_ns "$dir/h.json" hyperfine)")
    run perflab "$n" "$cmd" "$dir/p.json" >/dev/null; ps+=("$(mean_ns "$dir/p.json" perflab)")
  done
  python3 - "$cmd" "${hs[*]}" "${ps[*]}" >> "$dir/means" <<'PY'
import statistics, sys
h = statistics.median(map(float, sys.argv[2].split()))
p = statistics.median(map(float, sys.argv[3].split()))
print(f"{sys.argv[1]:<40} {h/1e6:10.3f}ms {p/1e6:10.3f}ms {p/h:8.3f}")
PY
done
echo "== mean time per run (median of $rounds rounds; ratio perflab/hyperfine, target 0.95..1.05)"
cat "$dir/means"

echo "== overhead per run of true (wall time per run outside the reported time)"
r1=100 r2=1000
for tool in hyperfine perflab; do
  os=()
  for r in $(seq "$rounds"); do
    t1=$(run "$tool" $r1 true "$dir/o1.json")
    t2=$(run "$tool" $r2 true "$dir/o2.json")
    m=$(mean_ns "$dir/o2.json" "$tool")
    os+=("$(python3 -c "print(($t2 - $t1) / (1.1 * ($r2 - $r1)) - $m)")")
  done
  python3 - "$tool" "${os[*]}" <<'PY'
import statistics, sys
print(f"{sys.argv[1]:<10} {statistics.median(map(float, sys.argv[2].split()))/1e3:8.1f} µs/run")
PY
done
