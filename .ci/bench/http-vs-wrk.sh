#!/usr/bin/env bash
# http-vs-wrk.sh measures perflab http against wrk and hey (Debian packages
# wrk and hey) side by side in one run, against the same minimal loopback
# server (.ci/bench/loopback), at the same connections, in a closed loop:
# requests a second of each tool, and p50 latency of perflab and wrk.
# Rounds alternate the tools, wrk hey perflab wrk hey perflab ..., and each
# figure is the median over the rounds.
#
# Usage: .ci/bench/http-vs-wrk.sh [CONNECTIONS] [ROUNDS] [SECONDS]
#        (defaults 8 connections, 3 rounds of 5 s per tool)
set -euo pipefail
cd "$(dirname "$0")/.."
for t in wrk hey; do
  command -v $t >/dev/null || { echo "needs $t: apt-get install $t" >&2; exit 2; }
done
conns=${1:-8} rounds=${2:-3} secs=${3:-5}
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
go build -o "$dir/perflab" ./cmd/perflab
go build -o "$dir/loopback" ./.ci/bench/loopback
"$dir/loopback" > "$dir/addr" &
server=$!
for _ in $(seq 50); do [ -s "$dir/addr" ] && break; sleep 0.1; done
url="http://$(cat "$dir/addr")/"

# Each tool prints "REQS_PER_SECOND P50_SECONDS".
wrk_run() {
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$url" | python3 -c '
import re, sys
out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
v, unit = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
print(rps, float(v) * {"us": 1e-6, "ms": 1e-3, "s": 1}[unit])'
}
hey_run() {
  hey -c "$conns" -z "${secs}s" "$url" | python3 -c '
import re, sys
out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = float(re.search(r"50% in ([\d.]+) secs", out).group(1))
print(rps, p50)'
}
perflab_run() {
  # One warm-up repetition of a tenth, then ten repetitions: SECONDS of
  # measured load, as the others.
  local rep_ms=$((secs * 100))
  "$dir/perflab" http -c "$conns" --reps 10 --duration "${rep_ms}ms" --format json "$url" | python3 -c '
import json, sys
s = json.load(sys.stdin)["strategies"][0]
print(s["throughput"], s["p50_ns"] / 1e9)'
}

: > "$dir/results"
for r in $(seq "$rounds"); do
  for tool in wrk hey perflab; do
    echo "$tool $(${tool}_run)" >> "$dir/results"
  done
done
python3 - "$dir/results" "$conns" "$rounds" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {t: (statistics.median(float(r[1]) for r in rows if r[0] == t),
           statistics.median(float(r[2]) for r in rows if r[0] == t)) for t in ("wrk", "hey", "perflab")}
print(f"== closed loop, {sys.argv[2]} connections, median of {sys.argv[3]} rounds")
print(f"{'tool':<8} {'req/s':>10} {'p50':>10}")
for t, (rps, p50) in med.items():
    print(f"{t:<8} {rps:>10.0f} {p50*1e6:>8.0f}µs")
w, h, p = med["wrk"], med["hey"], med["perflab"]
print(f"perflab/wrk req/s   {p[0]/w[0]:.3f}   (target >= 0.8)")
print(f"perflab/hey req/s   {p[0]/h[0]:.3f}   (target > 1)")
print(f"perflab/wrk p50     {p[1]/w[1]:.3f}   (target 0.85..1.15)")
PY
