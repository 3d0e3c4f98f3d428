#!/usr/bin/env bash
# http-vs-hey.sh measures perflab http's requests a second against hey's
# (and oha's, where the package can be installed) side by side in one run,
# at the same connections, in a closed loop, against four servers on
# 127.0.0.1 that treat connections differently:
#
#   py-close      python3 -m http.server: HTTP/1.0, closes after each
#                 response, a listen backlog of 5 (a connection attempt past
#                 it is dropped and retried a second later)
#   py-keepalive  the same handler speaking HTTP/1.1 with keep-alive; it
#                 writes headers and body apart, so Nagle's algorithm and
#                 delayed ACKs hold each answer about 40 ms
#   py-nodelay    the keep-alive handler with TCP_NODELAY: CPU-bound
#   go-keepalive  the minimal net/http server in .ci/bench/loopback
#
# Against the Python servers the server is the bottleneck, so the tools
# must agree; against the Go server the load generator's own CPU counts on a
# small machine, and hey (Go's net/http client) reaches less than perflab
# and wrk (see http-vs-wrk.sh). Rounds alternate the tools, hey perflab hey
# perflab ..., and each figure is the median over the rounds.
#
# Usage: .ci/bench/http-vs-hey.sh [CONNECTIONS] [ROUNDS] [SECONDS]
#        (defaults 10 connections, 3 rounds of 5 s per tool and server)
set -euo pipefail
cd "$(dirname "$0")/../.."
conns=${1:-10} rounds=${2:-3} secs=${3:-5}

# oha is used where the distribution has it.
. .ci/bench/peer.sh
need_peer hey
tools="hey perflab"
if command -v oha >/dev/null; then
  tools="hey oha perflab"
elif apt-cache policy oha 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  install_peer oha && tools="hey oha perflab"
else
  echo "oha: no package for this distribution, left out" >&2
fi

dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
go build -o "$dir/perflab" ./cmd/perflab
go build -o "$dir/loopback" ./.ci/bench/loopback
mkdir "$dir/www"
echo "<html><body>hello</body></html>" > "$dir/www/index.html"

# free_port asks the kernel for a free port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_up waits until URL answers.
wait_up() {
  for _ in $(seq 100); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server at $1 did not come up" >&2
  exit 1
}

p1=$(free_port)
python3 -m http.server "$p1" --bind 127.0.0.1 --directory "$dir/www" >/dev/null 2>&1 &
pids+=($!)
p2=$(free_port)
python3 - "$p2" "$dir/www" >/dev/null 2>&1 <<'PY' &
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: files are sent with a length
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
pids+=($!)
p3=$(free_port)
python3 - "$p3" "$dir/www" >/dev/null 2>&1 <<'PY' &
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
PY
pids+=($!)
"$dir/loopback" > "$dir/addr" &
pids+=($!)
for _ in $(seq 50); do [ -s "$dir/addr" ] && break; sleep 0.1; done
declare -A urls=(
  [py-close]="http://127.0.0.1:$p1/"
  [py-keepalive]="http://127.0.0.1:$p2/"
  [py-nodelay]="http://127.0.0.1:$p3/"
  [go-keepalive]="http://$(cat "$dir/addr")/"
)
for s in py-close py-keepalive py-nodelay go-keepalive; do wait_up "${urls[$s]}"; done

# Each tool prints its requests a second and its failed requests (non-2xx
# answers; hey's -o csv lists answers only). hey prints two rates: its own
# (every answer over the time to its last, which includes waiting for the
# answers in flight at the end: a connection attempt that Python's backlog
# dropped waits a second) and the answers that came within the bound over
# the bound, which is what perflab counts.
hey_run() {
  hey -c "$conns" -z "${secs}s" -o csv "$1" | python3 -c '
import csv, sys
secs = float(sys.argv[1])
rows = list(csv.DictReader(sys.stdin))
ends = [float(r["offset"]) + float(r["response-time"]) for r in rows]
bad = sum(1 for r in rows if not r["status-code"].startswith("2"))
print(len(rows) / max(ends), sum(1 for e in ends if e <= secs) / secs, bad)' "$secs"
}
oha_run() {
  oha --no-tui -c "$conns" -z "${secs}s" "$1" | python3 -c '
import re, sys
out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
codes = sum(int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out) if c != "200")
print(rps, rps, codes)'
}
perflab_run() {
  # A warm-up repetition, then SECONDS of measured load in repetitions of
  # 500 ms, as the others load for SECONDS.
  "$dir/perflab" http -c "$conns" --reps $((secs * 2)) --duration 500ms --format json "$1" 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)["strategies"][0]
print(s["throughput"], s["throughput"], s["errors"])'
}

: > "$dir/results"
for r in $(seq "$rounds"); do
  for s in py-close py-keepalive py-nodelay go-keepalive; do
    for tool in $tools; do
      echo "$s $tool $(${tool}_run "${urls[$s]}")" >> "$dir/results"
    done
  done
done
python3 - "$dir/results" "$conns" "$rounds" "$secs" "$tools" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
tools = sys.argv[5].split()
peers = [t for t in tools if t != "perflab"]
def med(server, tool, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == server and r[1] == tool)
print(f"== closed loop, {sys.argv[2]} connections, {sys.argv[4]} s per tool, median of {sys.argv[3]} rounds, requests a second")
print(f"{'server':<14}{'perflab':>10}" + "".join(f"{t:>10}{t + ' in bound':>16}" for t in peers)
      + "".join(f"{'perflab/' + t:>14}{'(in bound)':>12}" for t in peers))
for server in ("py-close", "py-keepalive", "py-nodelay", "go-keepalive"):
    p = med(server, "perflab", 2)
    line = f"{server:<14}{p:>10.0f}" + "".join(f"{med(server, t, 2):>10.0f}{med(server, t, 3):>16.0f}" for t in peers)
    line += "".join(f"{p / med(server, t, 2):>14.3f}{p / med(server, t, 3):>12.3f}" for t in peers)
    print(line)
    errs = {t: sum(float(r[4]) for r in rows if r[0] == server and r[1] == t) for t in tools}
    if any(errs.values()):
        print(" " * 14 + "failed requests: " + ", ".join(f"{t} {errs[t]:.0f}" for t in tools))
print("each run (server tool own-rate in-bound-rate failed):")
for r in rows:
    print("  " + " ".join(r))
PY
