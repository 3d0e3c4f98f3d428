#!/usr/bin/env bash
# http-fleet.sh measures perflab http --generators on this machine: against
# the loopback server with an injected delay (so that connections, not the
# server's CPU, bound the rate), one load generator with CONNS connections
# and two generator processes with CONNS each are asked for the same open
# loop RATE, one after the other in one run. With a delay D one connection
# answers at most 1/D requests a second, so the single generator tops out
# near CONNS/D; the two, near twice that. It prints each one's achieved rate,
# each generator's share of it against its target, the start's measured
# skew and the reports a second the coordinator reads from each generator.
#
# Usage: .ci/bench/http-fleet.sh [RATE] [CONNS] [DELAY] [REPS]
#        (defaults 1200/s, 8 connections, 10ms, 6 rounds of 500 ms)
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-1200} conns=${2:-8} delay=${3:-10ms} reps=${4:-6}
tmp=$(mktemp -d)
srv=
cleanup() {
  if [ -n "$srv" ]; then kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/perflab" ./cmd/perflab
go build -o "$tmp/loopback" ./.ci/bench/loopback
"$tmp/loopback" -delay "$delay" >"$tmp/addr" &
srv=$!
for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.05; done
url="http://$(cat "$tmp/addr")/"
echo "rate $rate/s, $conns connections a generator, server delay $delay, $reps rounds of 500ms, $(nproc) CPUs"

"$tmp/perflab" http --no-save --rate "$rate" -c "$conns" --reps "$reps" --format json "$url" >"$tmp/one.json" 2>/dev/null
"$tmp/perflab" http --no-save --rate "$rate" -c "$conns" --reps "$reps" --generators 2 --format json "$url" >"$tmp/two.json" 2>/dev/null

python3 - "$tmp/one.json" "$tmp/two.json" "$rate" <<'PY'
import json, sys
one = json.load(open(sys.argv[1]))["strategies"][0]
two = json.load(open(sys.argv[2]))["strategies"][0]
rate = float(sys.argv[3])
a = one["open_loop"]["achieved_rate"]
print(f"one generator:  achieved {a:7.0f}/s of {rate:.0f} ({100*a/rate:5.1f}%), p99 {one['p99_ns']/1e6:.1f} ms")
m = two["metrics"]
f = m["fleet_achieved_rate"]
print(f"two generators: achieved {f:7.0f}/s of {rate:.0f} ({100*f/rate:5.1f}%), p99 {two['p99_ns']/1e6:.1f} ms")
for g in ("gen1", "gen2"):
    t, got = m[f"generator_{g}_target_rate"], m[f"generator_{g}_achieved_rate"]
    print(f"  {g}: target {t:.0f}/s, achieved {got:.0f}/s ({100*(got-t)/t:+.1f}%), {m[f'generator_{g}_reps']:.0f} reps")
print(f"  start skew at most {m['start_skew_max_ns']/1e6:.2f} ms (tolerance {m['start_skew_tolerance_ns']/1e6:.0f} ms); "
      f"{m['messages_per_s_per_generator']:.1f} reports/s from each generator")
PY
