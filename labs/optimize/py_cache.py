"""Lab 3 in Python: an expensive call, asked for Zipf-distributed keys."""

import functools
import itertools
import random

PARAMS = {"keys": 10000, "skew": 1.1, "cache_size": 1000, "cost": 2000}

_calls = {"hits": 0, "misses": 0}


def expensive(key, cost):
    """The call worth caching: cost rounds of pure-Python arithmetic."""
    acc = key
    for i in range(cost):
        acc = (acc * 31 + i) % 1000003
    return acc


def setup(params):
    rng = random.Random(1)
    keys, skew, cost = params["keys"], params["skew"], params["cost"]
    # Zipf: the key of rank r is asked for in proportion to 1/r**skew, so
    # a few keys take most of the calls, as in real traffic.
    weights = [1 / (r ** skew) for r in range(1, keys + 1)]
    ranked = list(range(keys))
    rng.shuffle(ranked)
    lookups = rng.choices(ranked, weights=weights, k=8192)
    memo = {}

    @functools.lru_cache(maxsize=params["cache_size"])
    def cached(key):
        return expensive(key, cost)

    return {"next_key": itertools.cycle(lookups).__next__, "cost": cost, "memo": memo, "cached": cached}


def bench_none(st):
    """call it every time"""
    expensive(st["next_key"](), st["cost"])
    _calls["misses"] += 1


def bench_memo(st):
    """a dict memo that keeps every answer"""
    key, memo = st["next_key"](), st["memo"]
    if key in memo:
        _calls["hits"] += 1
        return memo[key]
    _calls["misses"] += 1
    v = memo[key] = expensive(key, st["cost"])
    return v


def bench_lru(st):
    """functools.lru_cache(maxsize=cache_size): bounded, least recently used out first"""
    return st["cached"](st["next_key"]())


def metrics(st):
    info = st["cached"].cache_info()
    hits, misses = _calls["hits"] + info.hits, _calls["misses"] + info.misses
    out = {"hit_ratio": hits / (hits + misses) if hits + misses else 0.0}
    out["cached_entries"] = len(st["memo"]) + info.currsize
    return out
