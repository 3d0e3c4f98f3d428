"""Lab 2 in Python: a first-in first-out queue of n items."""

import collections

PARAMS = {"n": 10000}


def setup(params):
    n = params["n"]
    return {"as_list": list(range(n)), "as_deque": collections.deque(range(n))}


# Each is one step of a queue that stays n long: push at the back, pop
# from the front.
bench_list = "as_list.append(0); as_list.pop(0)"
bench_deque = "as_deque.append(0); as_deque.popleft()"
