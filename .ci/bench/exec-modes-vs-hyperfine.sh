#!/usr/bin/env bash
# exec-modes-vs-hyperfine.sh measures what perflab exec times against both of
# hyperfine's modes, side by side in one run, with perflab at its defaults:
#
#   hyperfine       runs every command by sh -c and subtracts the shell's
#                   mean start-up (sh -c '' timed 50 times) from each run;
#   hyperfine -N    splits a command into words and runs it with no shell;
#   perflab exec    runs a command that needs no shell directly, and one that
#                   needs it by sh -c with the shell's mean start-up subtracted.
#
# It prints, for each command, the median over ROUNDS of each tool's mean and
# the ratios perflab / hyperfine (target 0.95..1.05), and the speedup of
# 'sleep 0.01' over 'sleep 0.02' as perflab's verdict gives it (target
# 0.45..0.6). The pipeline needs a shell, so -N cannot run it as typed: it
# is compared with hyperfine's default mode only. The tools take turns within
# a round, in an order that alternates between rounds.
#
# It is not run by CI: it installs a Debian package and its targets are
# timing ratios that a busy machine can push past 5 %. Run it alone, under the
# measurement lock on a shared machine:
#
#   flock -w 900 /tmp/perflab.lock .ci/bench/exec-modes-vs-hyperfine.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/bench/peer.sh
need_peer hyperfine
rounds=${1:-3}
runs=40
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab

# The pipeline needs a shell and little CPU: a CPU-bound one (seq | sort)
# varied by 10 % between two runs of one tool on the shared 2-core machine.
fast="sleep 0.01" slow="sleep 0.02" pipe="sleep 0.01 | cat"

hyperfine_shell() {
  hyperfine --warmup 3 --runs "$runs" --style none --export-json "$dir/hs.$1.json" "$fast" "$slow" "$pipe" >/dev/null
}
hyperfine_none() {
  hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$dir/hn.$1.json" "$fast" "$slow" >/dev/null
}
perflab_exec() {
  "$dir/perflab" exec --no-save --format json -o "$dir/p.$1.json" "$fast" "$slow" "$pipe" >/dev/null 2>&1
}

for r in $(seq "$rounds"); do
  if ((r % 2)); then
    hyperfine_shell "$r"; hyperfine_none "$r"; perflab_exec "$r"
  else
    perflab_exec "$r"; hyperfine_none "$r"; hyperfine_shell "$r"
  fi
done

python3 - "$dir" "$rounds" "$fast" "$slow" "$pipe" <<'PY'
import json, statistics, sys

d, rounds = sys.argv[1], int(sys.argv[2])
cmds = sys.argv[3:]

def load(prefix, r):
    return json.load(open(f"{d}/{prefix}.{r}.json"))

def hyperfine_means(prefix, r):
    return {x["command"]: x["mean"] * 1e9 for x in load(prefix, r)["results"]}

def perflab(r):
    return {s["name"]: s for s in load("p", r)["strategies"]}

hs = [hyperfine_means("hs", r) for r in range(1, rounds + 1)]
hn = [hyperfine_means("hn", r) for r in range(1, rounds + 1)]
ps = [perflab(r) for r in range(1, rounds + 1)]

def med(xs):
    return statistics.median(xs)

def span(xs):
    return f"[{min(xs):.3f}, {max(xs):.3f}]"

print(f"== mean time per run, median of {rounds} rounds (ratio perflab / hyperfine, target 0.95..1.05;"
      " in brackets the ratio's range over the rounds)")
print(f"{'command':<32} {'hyperfine':>10} {'-N':>10} {'perflab':>10} {'shell?':>6} {'vs hyperfine':>22} {'vs hyperfine -N':>22}")
for c in cmds:
    p = [s[c]["mean_ns"] for s in ps]
    shell = ps[0][c].get("metrics", {}).get("through_shell", 0) == 1
    sub = med([s[c].get("metrics", {}).get("shell_subtracted_ns", 0) for s in ps])
    h = [x[c] for x in hs]
    rs = [a / b for a, b in zip(p, h)]
    line = f"{c:<32} {med(h)/1e6:8.3f}ms "
    if c in hn[0]:
        n = [x[c] for x in hn]
        rn = [a / b for a, b in zip(p, n)]
        line += f"{med(n)/1e6:8.3f}ms "
    else:
        rn = None
        line += f"{'-':>10} "
    line += f"{med(p)/1e6:8.3f}ms {('yes' if shell else 'no'):>6} {med(rs):8.3f} {span(rs):>13}"
    if rn:
        line += f" {med(rn):8.3f} {span(rn):>13}"
    else:
        line += f" {'(needs a shell)':>22}"
    print(line)
    if shell:
        print(f"{'':<32} perflab subtracted the shell's start-up, {sub/1e6:.3f} ms, from each run")

sp = [s[cmds[1]]["vs_baseline"]["speedup"] for s in ps]
hr = [x[cmds[0]] / x[cmds[1]] for x in hs]
nr = [x[cmds[0]] / x[cmds[1]] for x in hn]
print(f"== speedup of '{cmds[1]}' against '{cmds[0]}' (baseline time / its time; target 0.45..0.6)")
print(f"perflab verdict (defaults)   {med(sp):.3f} {span(sp)}  verdicts: {', '.join(s[cmds[1]]['vs_baseline']['verdict'] for s in ps)}")
print(f"hyperfine ratio of means     {med(hr):.3f} {span(hr)}")
print(f"hyperfine -N ratio of means  {med(nr):.3f} {span(nr)}")
PY
