"""Lab 4 in Python: a threading pool on CPU work, IO waits and hashlib."""

import concurrent.futures
import hashlib
import sys
import threading
import time

PARAMS = {"tasks": 16, "k": 4, "work": 2000, "wait": 0.002, "buffer_kib": 1024, "switch_interval": 0.005}

_peak = {"threads": 0}


def cpu_task(work):
    """Pure-Python arithmetic: holds the GIL the whole time."""
    acc = 0
    for i in range(work):
        acc = (acc * 31 + i) % 1000003
    return acc


def io_task(wait):
    """A wait, as on a socket or a disk: time.sleep releases the GIL."""
    time.sleep(wait)


def hash_task(buf):
    """hashlib over a large buffer: C code that releases the GIL."""
    return hashlib.sha256(buf).digest()


def setup(params):
    sys.setswitchinterval(params["switch_interval"])
    return {
        # Made by the first operation that needs it, so that the sequential
        # strategy has no threads; the warm-up pays for starting them.
        "pool": None,
        "k": params["k"],
        "tasks": params["tasks"],
        "work": params["work"],
        "wait": params["wait"],
        "buf": bytes(params["buffer_kib"] * 1024),
    }


def _pool(st, fn, arg):
    if st["pool"] is None:
        st["pool"] = concurrent.futures.ThreadPoolExecutor(max_workers=st["k"])
    list(st["pool"].map(fn, [arg] * st["tasks"]))
    _peak["threads"] = max(_peak["threads"], threading.active_count())


def _sequential(fn, arg, tasks):
    for _ in range(tasks):
        fn(arg)


def bench_cpu_sequential(st):
    _sequential(cpu_task, st["work"], st["tasks"])


def bench_cpu_threads(st):
    _pool(st, cpu_task, st["work"])


def bench_io_sequential(st):
    _sequential(io_task, st["wait"], st["tasks"])


def bench_io_threads(st):
    _pool(st, io_task, st["wait"])


def bench_hash_sequential(st):
    _sequential(hash_task, st["buf"], st["tasks"])


def bench_hash_threads(st):
    _pool(st, hash_task, st["buf"])


def metrics(st):
    return {"peak_threads": max(_peak["threads"], threading.active_count()), "switch_interval_ms": sys.getswitchinterval() * 1000}
