#!/usr/bin/env bash
# tui-vs-headless.sh compares the ns/op the TUI measures with perflab run's,
# for every Go Loop workload at its defaults: each workload runs headless 3
# times (the median of the three is the reference), then LAUNCHES times in the
# TUI, launched afresh in tmux at 160x48, started from the home screen as a
# person would, and read back from the run it keeps. It prints each TUI
# launch's ns/op over the headless median, per strategy, and counts the
# launches within 10 % and those more than 1.5x off, beside how far apart
# the headless runs themselves were: on a shared machine a process's ns/op
# of memory-heavy work moves by tens of per cent from one process to the
# next (string building 2.9-7.6 ms in six headless runs here), drawing or
# not, so that spread is the floor under any agreement.
#
# Usage: .ci/bench/tui-vs-headless.sh [LAUNCHES] [LAB/WORKLOAD ...]
#   default: 10 launches of every Loop workload below. Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v tmux >/dev/null || { echo "needs tmux: apt-get install tmux" >&2; exit 2; }
launches=${1:-10}
shift || true
# lab number, workload's place in its lab (→ presses), id.
all=("1 0 measure/sort" "1 1 measure/resolution" "2 0 data-structures/membership" "2 1 data-structures/queue"
  "2 2 data-structures/strings" "3 0 optimize/caching" "3 1 optimize/allocs")
if [ $# -gt 0 ]; then
  picked=()
  for w in "$@"; do
    for e in "${all[@]}"; do [ "${e##* }" = "$w" ] && picked+=("$e"); done
  done
  all=("${picked[@]}")
fi

dir=$(mktemp -d)
session=perflab-tui-vs-headless-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab

# nsop FILE: one line per strategy, "name ns/op".
nsop() {
  python3 -c 'import json, sys
for s in json.load(open(sys.argv[1]))["strategies"]:
    print(s["name"], s["ns_per_op"]["median"], s["batch"])' "$1"
}

# tui LAB PRESSES OUT: one launch of the TUI on a runs folder of its own; the
# run it keeps is copied to OUT.
tui() {
  local lab=$1 presses=$2 out=$3 data i
  data=$(mktemp -d -p "$dir")
  tmux new-session -d -s "$session" -x 160 -y 48 "XDG_DATA_HOME=$data $dir/perflab"
  sleep 1
  tmux send-keys -t "$session" "$lab" Enter
  sleep 0.5
  for ((i = 0; i < presses; i++)); do tmux send-keys -t "$session" Right; sleep 0.2; done
  tmux send-keys -t "$session" Enter
  # Wait for the kept run: written when the run ends.
  for ((i = 0; i < 120; i++)); do
    if compgen -G "$data/perflab/runs/*.json" >/dev/null; then break; fi
    sleep 1
  done
  sleep 0.5
  tmux send-keys -t "$session" q
  sleep 0.5
  tmux kill-session -t "$session" 2>/dev/null || true
  local kept
  kept=$(ls "$data"/perflab/runs/*.json 2>/dev/null | grep -v timeline | head -1 || true)
  [ -n "$kept" ] || { echo "no run kept" >&2; return 1; }
  cp "$kept" "$out"
}

for entry in "${all[@]}"; do
  read -r lab presses id <<<"$entry"
  for i in 1 2 3; do
    "$dir/perflab" run "$id" --format json --no-save >"$dir/h$i.json"
  done
  for ((i = 1; i <= launches; i++)); do
    tui "$lab" "$presses" "$dir/t$i.json" || echo "launch $i of $id kept nothing"
  done
  python3 - "$dir" "$launches" "$id" <<'PY'
import glob, json, os, statistics, sys
d, n, wid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def ns(path):
    r = json.load(open(path))
    assert r["lab"] + "/" + r["workload"] == wid, (path, r["lab"], r["workload"])
    return {s["name"]: (s["ns_per_op"]["median"], s["batch"]) for s in r["strategies"]}
head = [ns(os.path.join(d, f"h{i}.json")) for i in (1, 2, 3)]
ref = {k: statistics.median(h[k][0] for h in head) for k in head[0]}
within = far = 0
worst = 1.0
for i in range(1, n + 1):
    p = os.path.join(d, f"t{i}.json")
    if not os.path.exists(p):
        print(f"{wid} launch {i}: nothing kept"); far += 1; continue
    t = ns(p)
    ratios = {k: t[k][0] / ref[k] for k in ref if k in t and ref[k] > 0}
    off = max(max(r, 1 / r) for r in ratios.values())
    worst = max(worst, off)
    within += off <= 1.10
    far += off > 1.5
    print(f"{wid} launch {i}: " + "  ".join(f"{k} {r:.3f} (batch {t[k][1]})" for k, r in ratios.items()))
# The headless runs' own spread bounds what any agreement can be: a
# process's ns/op moves with where its memory lies, whatever draws.
spread = max(max(h[k][0] for h in head) / min(h[k][0] for h in head) for k in ref)
print(f"{wid}: headless ns/op " + ", ".join(f"{k} {v:.1f}" for k, v in ref.items()) +
      f" (the 3 headless runs {spread:.3f}x apart at most)" +
      f"; TUI within 10 % in {within} of {n} launches, more than 1.5x off in {far}, worst {worst:.3f}x")
PY
  rm -f "$dir"/h*.json "$dir"/t*.json
done
