"""Lab 2 in Python: build a string of n pieces."""

PARAMS = {"n": 1000}


def setup(params):
    return ["piece%d," % i for i in range(params["n"])]


def bench_concat(pieces):
    """s += piece, the string held by one name only"""
    s = ""
    for p in pieces:
        s += p
    return len(s)


def bench_join(pieces):
    """''.join(pieces): one allocation of the final size"""
    return len("".join(pieces))


def bench_concat_shared(pieces):
    """s += piece while a second name holds the string"""
    s = ""
    for p in pieces:
        held = s  # a second reference: the in-place resize cannot happen
        s += p
    return len(s) + len(held)
