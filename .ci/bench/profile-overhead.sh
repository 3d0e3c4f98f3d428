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

for w in "${workloads[@]}"; do
  echo "== $w"
  profile_rounds "$dir/perflab" "$w" "$runs" profile_summary
done
