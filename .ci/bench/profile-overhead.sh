#!/usr/bin/env bash
# profile-overhead.sh measures what --profile costs: the wall time of the
# profiling rounds, which run after the measured ones, as a share of the
# measured run, for three labs at their defaults (rounds until decided).
# Each workload runs RUNS times with --profile; the script prints per run the
# measured time, the profiling rounds' time and their share, and each
# comparison's verdict, and then RUNS more times without --profile, so that
# the verdicts with and without it can be set side by side (the profiling
# rounds come after the verdict, so they cannot change it; the measured
# times are shown to see that they did not grow).
#
# Usage: .ci/bench/profile-overhead.sh [RUNS] [LAB/WORKLOAD ...]
#   default: 3 runs of data-structures/membership, optimize/caching and
#   data-structures/strings. Take the exclusive lock around it:
#   flock -w 900 /tmp/perflab.lock .ci/bench/profile-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/bench/profiling.sh
runs=${1:-3}
shift || true
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(data-structures/membership optimize/caching data-structures/strings)

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/perflab" ./cmd/perflab

# summary FILE: measured seconds, profiling seconds, their share, verdicts.
summary() {
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
total, prof = r["elapsed_ns"] / 1e9, r.get("profile_ns", 0) / 1e9
measured = total - prof
verdicts = " ".join("%s:%s" % (s["name"], s["vs_baseline"]["verdict"]) for s in r["strategies"] if s.get("vs_baseline"))
share = "%5.1f%%" % (100 * prof / measured) if prof else "     -"
print("measured %6.2fs  profiling %5.2fs  share %s  rounds %4d  %s" % (measured, prof, share, r["reps"], verdicts))' "$1"
}

for w in "${workloads[@]}"; do
  echo "== $w"
  profile_rounds "$dir/perflab" "$w" "$runs" summary
done
