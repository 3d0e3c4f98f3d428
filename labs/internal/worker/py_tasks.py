"""The tasks a perflab worker hands to CPython: the same work as its Go
tasks, written as a Python programmer would write it."""

import time


def is_prime(x):
    if x < 2:
        return False
    if x % 2 == 0:
        return x == 2
    d = 3
    while d * d <= x:
        if x % d == 0:
            return False
        d += 2
    return True


def count_primes(lo, hi):
    """Count the primes in [lo, hi) by trial division, as the Go task does."""
    return sum(1 for x in range(lo, hi) if is_prime(x))


def sleep(ns):
    """Wait ns nanoseconds: a stand-in for a call to a database or a service."""
    time.sleep(ns / 1e9)
    return 0
