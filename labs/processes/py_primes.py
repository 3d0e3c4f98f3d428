"""Lab 6 in Python: count the primes below limit, split into tasks."""

import concurrent.futures
import multiprocessing
import os

PARAMS = {"limit": 200000, "task_size": 10000, "chunksize": 1, "workers": 2, "start_method": "fork"}


def count_range(bounds):
    """Count the primes in [lo, hi) by trial division: pure-Python CPU work."""
    lo, hi = bounds
    count = 0
    for n in range(max(lo, 2), hi):
        if n % 2 == 0:
            count += n == 2
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            count += 1
    return count


def setup(params):
    limit, size = params["limit"], params["task_size"]
    return {
        "ranges": [(lo, min(lo + size, limit)) for lo in range(0, limit, size)],
        "chunksize": params["chunksize"],
        "workers": params["workers"],
        "method": params["start_method"],
        "executor": None,
    }


def _executor(st, kind):
    # Made by the first operation, so that only its strategy has workers;
    # the warm-up pays for starting them (with spawn, a whole interpreter
    # each).
    if st["executor"] is None:
        if kind == "threads":
            st["executor"] = concurrent.futures.ThreadPoolExecutor(max_workers=st["workers"])
        else:
            ctx = multiprocessing.get_context(st["method"])
            st["executor"] = concurrent.futures.ProcessPoolExecutor(max_workers=st["workers"], mp_context=ctx)
    return st["executor"]


def bench_one(st):
    """one process: every range in turn"""
    return sum(map(count_range, st["ranges"]))


def bench_threads(st):
    """a ThreadPoolExecutor of workers threads: the GIL lets one count at a time"""
    return sum(_executor(st, "threads").map(count_range, st["ranges"]))


def bench_processes(st):
    """a ProcessPoolExecutor of workers processes, ranges sent chunksize at a time"""
    return sum(_executor(st, "processes").map(count_range, st["ranges"], chunksize=st["chunksize"]))


def metrics(st):
    return {"tasks": len(st["ranges"]), "cpus": os.cpu_count() or 0}
