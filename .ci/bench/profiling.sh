# profiling.sh is sourced by the bench scripts that measure what --profile
# costs: each runs a workload with the profiling rounds and without, the
# same way, and prints the same line a run (the Python one adds each
# strategy's samples).

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

# profile_summary FILE [samples] prints what a run's JSON result FILE says
# of the profiling rounds: the measured seconds, the profiling rounds'
# seconds and their share of the measured, the rounds and the verdicts;
# with "samples", each profiled strategy's samples after them.
profile_summary() {
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
total, prof = r["elapsed_ns"] / 1e9, r.get("profile_ns", 0) / 1e9
measured = total - prof
verdicts = " ".join("%s:%s" % (s["name"], s["vs_baseline"]["verdict"]) for s in r["strategies"] if s.get("vs_baseline"))
share = "%5.1f%%" % (100 * prof / measured) if prof else "     -"
line = "measured %6.2fs  profiling %5.2fs  share %s  rounds %4d  %s" % (measured, prof, share, r["reps"], verdicts)
if sys.argv[2:] == ["samples"]:
    line += "  " + " ".join("%s:%d" % (s["name"], s["profile"]["samples"]) for s in r["strategies"] if s.get("profile"))
print(line)' "$@"
}
