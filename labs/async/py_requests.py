"""Lab 5 in Python: n requests to a loopback HTTP backend."""

import asyncio
import concurrent.futures
import http.client
import threading
import tracemalloc
import urllib.parse

PARAMS = {"n": 100, "pool": 16, "sem": 32, "url": ""}

_peak = {"threads": 0}


def setup(params):
    u = urllib.parse.urlsplit(params["url"])
    st = {"host": u.hostname, "port": u.port or 80, "path": u.path or "/", "n": params["n"], "sem": params["sem"]}
    # The pool is made by the first operation that needs it, so that only
    # the threads strategy has threads; the warm-up pays for starting them.
    st["pool"], st["pool_size"] = None, params["pool"]
    st["loop"] = asyncio.new_event_loop()
    return st


def get(st):
    """One request with http.client, on the calling thread."""
    conn = http.client.HTTPConnection(st["host"], st["port"], timeout=30)
    try:
        conn.request("GET", st["path"])
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise RuntimeError("backend answered %d" % resp.status)
    finally:
        conn.close()


async def aget(st):
    """One request over asyncio streams: no thread, a coroutine."""
    reader, writer = await asyncio.open_connection(st["host"], st["port"])
    try:
        writer.write(("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (st["path"], st["host"])).encode())
        await writer.drain()
        status = await reader.readline()
        await reader.read()
        if b" 200 " not in status:
            raise RuntimeError("backend answered %r" % status.strip())
    finally:
        writer.close()


def _note_threads():
    _peak["threads"] = max(_peak["threads"], threading.active_count())


def bench_sequential(st):
    """one request after another"""
    for _ in range(st["n"]):
        get(st)


def bench_threads(st):
    """a ThreadPoolExecutor of pool threads"""
    if st["pool"] is None:
        st["pool"] = concurrent.futures.ThreadPoolExecutor(max_workers=st["pool_size"])
    futures = [st["pool"].submit(get, st) for _ in range(st["n"])]
    _note_threads()
    for f in futures:
        f.result()


async def _gather(st):
    await asyncio.gather(*(aget(st) for _ in range(st["n"])))


async def _bounded(st):
    sem = asyncio.Semaphore(st["sem"])

    async def one():
        async with sem:
            await aget(st)

    await asyncio.gather(*(one() for _ in range(st["n"])))


def bench_gather(st):
    """asyncio.gather of all n at once"""
    st["loop"].run_until_complete(_gather(st))
    _note_threads()


def bench_semaphore(st):
    """asyncio.gather, at most sem in flight (asyncio.Semaphore)"""
    st["loop"].run_until_complete(_bounded(st))
    _note_threads()


def metrics(st):
    return {"peak_threads": max(_peak["threads"], threading.active_count())}
