# profiling.sh is sourced by the bench scripts that measure what --profile
# costs: each runs a workload with the profiling rounds and without, the
# same way, and only the line it prints of a run differs.

# profile_rounds PERFLAB WORKLOAD RUNS SUMMARY runs WORKLOAD RUNS times with
# --profile and RUNS times without, with the binary PERFLAB, and prints a
# line a run: its mode, then what the function SUMMARY says of the run's
# JSON result. Its files stay beside PERFLAB.
profile_rounds() {
  local perflab=$1 workload=$2 runs=$3 summary=$4 dir mode i out
  dir=$(dirname "$perflab")
  for mode in --profile ""; do
    for ((i = 1; i <= runs; i++)); do
      out="$dir/run.json"
      # shellcheck disable=SC2086
      "$perflab" run "$workload" $mode --no-save --format json -o "$out" 2>/dev/null
      printf '%-10s ' "${mode:-plain}"
      "$summary" "$out"
      rm -rf "$dir/run.profiles"
    done
  done
}
