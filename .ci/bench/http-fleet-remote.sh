#!/usr/bin/env bash
# http-fleet-remote.sh measures perflab http's generators joining over NATS,
# as generators on other machines do, here on loopback: a coordinator
# (perflab http --generators N --fleet-remote) and N `perflab worker
# --generator --once` processes, against the loopback server with an
# injected delay, at one open-loop RATE. It counts, in that real run:
#   - the reports a second the coordinator reads from each generator (every
#     one is counted on arrival against the generator's own count, so the
#     figure is what crossed the wire);
#   - the start's skew, the most over the repetitions (one machine's clock);
#   - each generator's CPU time per request and the coordinator's per report,
#     from the processes' own rusage: what one core of a generator machine
#     can send, and how many generators one core of a coordinator can read.
# Then, for comparison in the same run, N local generator processes over
# pipes (--generators N) at the same rate.
#
# Usage: .ci/bench/http-fleet-remote.sh [RATE] [CONNS] [DELAY] [REPS] [N]
#        (defaults 1200/s, 8 connections, 10ms, 6 rounds of 500 ms, 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-1200} conns=${2:-8} delay=${3:-10ms} reps=${4:-6} n=${5:-2}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/perflab" ./cmd/perflab
go build -o "$tmp/loopback" ./.ci/bench/loopback
"$tmp/loopback" -delay "$delay" >"$tmp/addr" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.05; done
url="http://$(cat "$tmp/addr")/"
echo "rate $rate/s, $conns connections a generator, $n generators, server delay $delay, $reps rounds of 500ms, $(nproc) CPUs"

# cpu runs a command and writes the CPU seconds (user+system) it and its
# children used to the file named first.
cpu() {
  python3 -c '
import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:]).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_utime + r.ru_stime}\n")
sys.exit(rc)' "$@"
}

cpu "$tmp/coord.cpu" "$tmp/perflab" http --no-save --rate "$rate" -c "$conns" --reps "$reps" --generators "$n" --fleet-remote \
  --format json "$url" >"$tmp/remote.json" 2>"$tmp/coord.err" &
pids+=($!)
for _ in $(seq 200); do grep -q 'nats://' "$tmp/coord.err" && break; sleep 0.05; done
join=$(grep -o 'nats://[^ ]*' "$tmp/coord.err")
for i in $(seq "$n"); do
  cpu "$tmp/gen$i.cpu" "$tmp/perflab" worker --generator --once --nats "$join" 2>"$tmp/gen$i.err" &
  pids+=($!)
done
for p in "${pids[@]:1}"; do wait "$p"; done
pids=("${pids[0]}")

"$tmp/perflab" http --no-save --rate "$rate" -c "$conns" --reps "$reps" --generators "$n" --format json "$url" >"$tmp/local.json" 2>/dev/null

python3 - "$tmp" "$rate" "$n" <<'PY'
import json, sys
tmp, rate, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
def load(name):
    doc = json.load(open(f"{tmp}/{name}.json"))
    return doc["strategies"][0], doc["generators"]
s, gens = load("remote")
m = s["metrics"]
reqs = {g["name"]: g["achieved_rate"] * g["reps"] * 0.5 for g in gens}  # reps of 500 ms
gen_cpu = [float(open(f"{tmp}/gen{i}.cpu").read()) for i in range(1, n + 1)]
coord_cpu = float(open(f"{tmp}/coord.cpu").read())
print(f"over NATS: achieved {m['fleet_achieved_rate']:.0f}/s of {rate:.0f}, p99 {s['p99_ns']/1e6:.1f} ms, "
      f"start skew at most {m['start_skew_max_ns']/1e6:.2f} ms (tolerance {m['start_skew_tolerance_ns']/1e6:.0f} ms)")
for g in gens:
    print(f"  {g['name']}: target {g['target_rate']:.0f}/s, achieved {g['achieved_rate']:.0f}/s "
          f"({100*(g['achieved_rate']-g['target_rate'])/g['target_rate']:+.1f}%), {g['reps']} reps")
msgs = m["messages_per_s_per_generator"]
print(f"  reports read by the coordinator: {msgs:.1f}/s from each generator, counted on arrival")
# The generator processes also ran the warm-up: their CPU covers reps+1 repetitions of their share.
total_reqs = sum(g["target_rate"] for g in gens) * 0.5 * (gens[0]["reps"] + 1)
per_req = sum(gen_cpu) / total_reqs
print(f"  generators' CPU: {sum(gen_cpu):.2f} s for about {total_reqs:.0f} requests: {per_req*1e6:.1f} us a request, "
      f"so one core sends at most about {1/per_req:.0f} requests/s at this latency")
wall = (gens[0]["reps"] + 1) * 0.5
coord_msgs = msgs * n * wall
print(f"  coordinator's CPU (engine, NATS server, merge): {coord_cpu:.2f} s for {coord_msgs:.0f} reports "
      f"in about {wall:.1f} s of repetitions")
l, lg = load("local")
lm = l["metrics"]
print(f"over pipes: achieved {lm['fleet_achieved_rate']:.0f}/s of {rate:.0f}, p99 {l['p99_ns']/1e6:.1f} ms, "
      f"start skew at most {lm['start_skew_max_ns']/1e6:.2f} ms; {lm['messages_per_s_per_generator']:.1f} reports/s from each generator")
PY
