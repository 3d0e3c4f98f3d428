#!/usr/bin/env bash
# python-profile-overhead.sh measures what --profile costs a Python workload.
#
#   1. The profiling rounds: RUNS runs of a Python workload (default
#      data-structures/python-membership) with --profile and RUNS without;
#      per run the measured time, the profiling rounds' time and their
#      share of the measured time, and the verdicts (the rounds come after
#      the verdict and cannot change it).
#   2. The sampler's cost per sample, two ways, in one worker process:
#      a. end to end: blocks of a fixed CPU-bound operation (a call chain
#         DEPTH frames deep) run in turn with the sampler on (every 1 ms
#         of CPU, perflab's period) and off, BLOCKS of each; the median
#         CPU time per operation of each, their ratio, and the extra CPU
#         per operation over the samples per operation: the cost of one
#         sample, signal delivery included.
#      b. the handler alone: SIGPROF's handler called directly on a frame
#         DEPTH deep, CPU time per call.
#
# Usage: .ci/bench/python-profile-overhead.sh [RUNS] [WORKLOAD]   (default 3)
# Take the exclusive lock around it:
#   flock -w 900 /tmp/perflab.lock .ci/bench/python-profile-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/bench/profiling.sh
runs=${1:-3}
workload=${2:-data-structures/python-membership}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab
cp labs/internal/python/worker.py "$dir/perflab_worker.py"

# summary FILE: profile_summary's line, then each strategy's samples.
summary() { profile_summary "$1" samples; }

echo "== 1. profiling rounds of $workload"
profile_rounds "$dir/perflab" "$workload" "$runs" summary

echo "== 2. the sampler's cost per sample"
cat > "$dir/chain.py" <<'PY'
DEPTH = 20

def down(n, work):
    if n == 0:
        x = 0
        for i in range(work):
            x += i * i
        return x
    return down(n - 1, work)

def bench_chain():
    return down(DEPTH, 20000)
PY
python3 - "$dir" <<'PY'
import importlib.util, json, os, statistics, subprocess, sys, time

folder = sys.argv[1]
worker = subprocess.Popen([sys.executable, "-u", "-B", folder + "/perflab_worker.py"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

def call(order):
    worker.stdin.write(json.dumps(order) + "\n")
    worker.stdin.flush()
    reply = json.loads(worker.stdout.readline())
    if "error" in reply:
        raise SystemExit(reply["error"])
    return reply

def cpu_ms():
    # The worker's CPU time, user and system, from /proc.
    with open("/proc/%d/stat" % worker.pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

call({"cmd": "load", "path": folder + "/chain.py", "name": "chain"})
call({"cmd": "setup", "strategy": "bench_chain"})
call({"cmd": "run", "n": 1, "k": 200})  # warm
ops, blocks = 500, 10
on, off, wall_on, wall_off, samples = [], [], [], [], 0
for b in range(2 * blocks):
    profiled = b % 2 == 0
    if profiled:
        call({"cmd": "profile_start", "period_ns": 1000000})
    c0 = cpu_ms()
    ns = call({"cmd": "run", "n": 1, "k": ops})["ns"]
    c1 = cpu_ms()
    (wall_on if profiled else wall_off).append(statistics.median(ns))
    if profiled:
        samples += call({"cmd": "profile_stop"})["samples"]
    (on if profiled else off).append((c1 - c0) * 1e6 / ops)
worker.stdin.close()
worker.wait()
m_on, m_off = statistics.median(on), statistics.median(off)
per_op = samples / (blocks * ops)
print("a. %d blocks of %d operations each way, 22 frames deep: CPU per operation %.0f us sampled, %.0f us not: ratio %.4f"
      % (blocks, ops, m_on / 1e3, m_off / 1e3, m_on / m_off))
print("   %.2f samples an operation: %.1f us of CPU a sample (the CPU clock ticks every 10 ms: a block is %.0f ms)"
      % (per_op, (m_on - m_off) / per_op / 1e3, m_off * ops / 1e6))
w_on, w_off = statistics.median(wall_on), statistics.median(wall_off)
print("   by the worker's clock, the median operation of the median block: %.0f us sampled, %.0f us not: ratio %.4f, %.1f us a sample"
      % (w_on / 1e3, w_off / 1e3, w_on / w_off, (w_on - w_off) / per_op / 1e3))

spec = importlib.util.spec_from_file_location("perflab_worker", folder + "/perflab_worker.py")
w = importlib.util.module_from_spec(spec)
spec.loader.exec_module(w)
wk = w.Worker()
wk.sampler.period_ns, wk.counting = 1000000, True

def deep(n, calls):
    if n:
        return deep(n - 1, calls)
    frame = sys._getframe()
    t0 = time.process_time_ns()
    for _ in range(calls):
        wk.sampler._on_signal(27, frame)
    return (time.process_time_ns() - t0) / calls

for depth in (5, 20, 50):
    print("b. the handler alone, %2d frames deep: %.1f us of CPU a call" % (depth, deep(depth, 20000) / 1e3))
PY
