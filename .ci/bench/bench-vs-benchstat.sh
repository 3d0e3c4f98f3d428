#!/usr/bin/env bash
# bench-vs-benchstat.sh measures perflab bench against the go test -count 10
# plus benchstat workflow, side by side in one run, on the example module
# (cmd/perflab/testdata/benchmod) in a temporary git repository: revision a
# as it is, revision b with a planted 10 % more work per call.
#
#   1. planted: RUNS races of a against b; the verdicts, and how often the
#      interval of b's speedup holds the planted 1/1.1 and the one benchstat
#      measured on the same commits.
#   2. A/A: RUNS races of a against a; how often the verdict is ~.
#   3. medians: perflab's median ns/op per revision (from the first planted
#      race) against benchstat's on go test -c binaries of the same commits
#      (Go builds are reproducible: the same bytes perflab builds), from
#      -count 10 runs of a then of b; target within 5 %.
#   4. time to a verdict: the wall time of each planted race, build
#      included, against that of the benchstat workflow (build both, -count
#      10 of a, -count 10 of b, benchstat), build included.
#
# Run it under the exclusive measurement lock:
#   flock -w 900 /tmp/perflab.lock .ci/bench/bench-vs-benchstat.sh [RUNS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
benchstat_version=v0.0.0-20260908200009-22c9c6c9d4da
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab
GOBIN="$dir" go install golang.org/x/perf/cmd/benchstat@$benchstat_version

repo="$dir/repo"
mkdir "$repo"
cp cmd/perflab/testdata/benchmod/* "$repo/"
(
  cd "$repo"
  git init -q
  git add -A && git -c user.name=ci -c user.email=ci@localhost commit -qm a && git tag a
  sed -i 's/Size = 1000/Size = 1100/' size.go
  git add -A && git -c user.name=ci -c user.email=ci@localhost commit -qm b && git tag b
)

# race OUT REV REV: one perflab bench race as JSON into OUT; prints its wall
# time in ns, the build included.
race() {
  local out=$1 t0 t1
  shift
  t0=$(date +%s%N)
  "$dir/perflab" bench -C "$repo" --no-save --bench Work --format json -o "$out" --rev "$1" --rev "$2" 2>/dev/null
  t1=$(date +%s%N)
  echo $((t1 - t0))
}

# The benchstat workflow, timed whole: build both revisions, -count 10 of
# a, then of b, then benchstat.
t0=$(date +%s%N)
for rev in a b; do
  git -C "$repo" worktree add -q --detach "$dir/wt-$rev" "$rev"
  (cd "$dir/wt-$rev" && go test -c -o "$dir/$rev.test" .)
done
for rev in a b; do
  "$dir/$rev.test" -test.run '^$' -test.bench '^BenchmarkWork$' -test.count 10 > "$dir/$rev.txt"
done
"$dir/benchstat" a="$dir/a.txt" b="$dir/b.txt" > "$dir/benchstat.txt"
t1=$(date +%s%N)
benchstat_ns=$((t1 - t0))
"$dir/benchstat" -format csv a="$dir/a.txt" b="$dir/b.txt" > "$dir/benchstat.csv" 2>/dev/null
for rev in a b; do git -C "$repo" worktree remove --force "$dir/wt-$rev"; done

planted_ns=()
for i in $(seq "$runs"); do planted_ns+=("$(race "$dir/planted$i.json" a b)"); done
for i in $(seq "$runs"); do race "$dir/aa$i.json" a a >/dev/null; done

echo "== benchstat (-count 10 of a, then of b)"
cat "$dir/benchstat.txt"
python3 - "$dir" "$runs" "$benchstat_ns" "${planted_ns[*]}" <<'PY'
import csv, json, statistics, sys
d, runs, bs_ns, planted_ns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), list(map(int, sys.argv[4].split()))

def load(name):
    return json.load(open(f"{d}/{name}"))

# benchstat's medians, in ns/op, from its CSV: the first table is sec/op.
med = {}
rows = list(csv.reader(open(f"{d}/benchstat.csv")))
for row in rows:
    if len(row) > 3 and row[0].startswith("Work"):
        med["a"], med["b"] = float(row[1]) * 1e9, float(row[3]) * 1e9
        break
measured = med["a"] / med["b"]  # b's speedup as benchstat sees it
planted = 1 / 1.1

print(f"\n== 1. planted 10 %: {runs} races of a against b (b's speedup; planted {planted:.4f}, benchstat's {measured:.4f})")
verdicts, holds_planted, holds_measured, rounds = {}, 0, 0, []
for i in range(1, runs + 1):
    r = load(f"planted{i}.json")
    v = r["strategies"][1]["vs_baseline"]
    verdicts[v["verdict"]] = verdicts.get(v["verdict"], 0) + 1
    holds_planted += v["speedup_lo"] <= planted <= v["speedup_hi"]
    holds_measured += v["speedup_lo"] <= measured <= v["speedup_hi"]
    rounds.append(r["reps"])
    print(f"  run {i:2}: {v['verdict']:12} speedup {v['speedup']:.4f} [{v['speedup_lo']:.4f}, {v['speedup_hi']:.4f}] after {r['reps']} rounds, {planted_ns[i-1]/1e9:.1f} s")
print(f"  verdicts {verdicts}; interval holds the planted ratio {holds_planted}/{runs}, benchstat's ratio {holds_measured}/{runs}")
print(f"  target: slower in >= 9 of {runs}")

print(f"\n== 2. A/A: {runs} races of a against a")
verdicts = {}
for i in range(1, runs + 1):
    v = load(f"aa{i}.json")["strategies"][1]["vs_baseline"]
    verdicts[v["verdict"]] = verdicts.get(v["verdict"], 0) + 1
print(f"  verdicts {verdicts}; target: same (~) in >= 9 of {runs}")

print("\n== 3. median ns/op per revision: perflab (each planted race) against benchstat (target within 5 %)")
for k, rev in enumerate("ab"):
    ps = [load(f"planted{i}.json")["strategies"][k]["ns_per_op"]["median"] for i in range(1, runs + 1)]
    ratios = [p / med[rev] for p in ps]
    print(f"  {rev}: benchstat {med[rev]:.1f} ns/op; perflab median of races {statistics.median(ps):.1f} ns/op, "
          f"ratio perflab/benchstat median {statistics.median(ratios):.4f}, range {min(ratios):.4f}..{max(ratios):.4f}")

print("\n== 4. time to a verdict, build included")
print(f"  benchstat workflow (-count 10 each): {bs_ns/1e9:.1f} s")
print(f"  perflab bench: median {statistics.median(planted_ns)/1e9:.1f} s, range {min(planted_ns)/1e9:.1f}..{max(planted_ns)/1e9:.1f} s")
PY
