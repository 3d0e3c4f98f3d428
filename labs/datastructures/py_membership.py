"""Lab 2 in Python: is this key in the collection?"""

import bisect
import itertools
import random

PARAMS = {"n": 10000, "hit_ratio": 0.5}


def setup(params):
    n, hit = params["n"], params["hit_ratio"]
    rng = random.Random(1)
    # Members are even and misses odd, so that a miss is never a member
    # by chance; the same lookups for every strategy.
    keys = [2 * i for i in range(n)]
    rng.shuffle(keys)
    lookups = []
    for _ in range(4096):
        k = 2 * rng.randrange(n)
        if rng.random() >= hit:
            k += 1
        lookups.append(k)
    return {
        "as_list": keys,
        "as_set": set(keys),
        "as_sorted": sorted(keys),
        "n": n,
        "next_key": itertools.cycle(lookups).__next__,
        "bisect_left": bisect.bisect_left,
    }


# Each is one lookup, timed inline as timeit times a statement; all three
# pay the same next_key() for the key they look up.
bench_list = "next_key() in as_list"
bench_set = "next_key() in as_set"
bench_bisect = """
k = next_key()
i = bisect_left(as_sorted, k)
i != n and as_sorted[i] == k
"""
