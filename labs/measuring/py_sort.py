"""Lab 1 in Python: sort a batch of orders, largest total first."""

import operator
import random

PARAMS = {"n": 1000}


def setup(params):
    rng = random.Random(1)
    n = params["n"]
    # (id, total in cents, items): totals repeat now and then.
    return [(i, rng.randrange(n * 4), rng.randrange(1, 20)) for i in range(n)]


def bench_baseline(orders):
    """sorted() with a lambda key: the code as it is"""
    sorted(orders, key=lambda o: o[1], reverse=True)


def bench_fix(orders):
    """sorted() with operator.itemgetter: the key runs in C, no Python frame per item"""
    sorted(orders, key=operator.itemgetter(1), reverse=True)
