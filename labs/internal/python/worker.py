"""perflab's Python worker: runs the strategies of one Python module and
times them itself, on orders read from standard input.

It needs nothing but the standard library. Each order is one line of JSON
on standard input and each reply one line of JSON on the standard output
the worker was started with; anything the code under test prints goes to
standard error instead, so that a print cannot break the conversation.

Orders:
  {"cmd": "load", "path": P, "name": N}  import the module in file P as N;
      reply with its strategies (every name bench_*, in file order), its
      PARAMS (name, kind and default of each) and the first line of each
      strategy's docstring.
  {"cmd": "setup", "strategy": S, "params": {...}}  call setup(params)
      if the module has one, and make strategy S ready to time.
  {"cmd": "run", "n": N, "k": K}  time K batches of N operations each and
      reply {"ns": [t1, ..., tK]}, each the nanoseconds of one batch as
      time.perf_counter_ns reads them. With N = 1 each is one operation's
      latency.
  {"cmd": "memory", "k": K}  run K operations under tracemalloc and reply
      with the largest peak of traced memory one operation reached.
  {"cmd": "ping"}  reply {} at once: the round trip of an order.
  {"cmd": "call", "fn": F, "args": [...]}  call the module's function F
      with args and reply {"value": V, "ns": T}: what it returned and how
      long it took. A worker that serves tasks one by one uses it.
  {"cmd": "stats", "reset": B}  reply with the garbage collections, the
      operations run and the peak RSS since the last reset, and the
      module's own figures from metrics() if it has one.
  {"cmd": "profile_start", "period_ns": P}  sample the stacks of the
      strategy's operations every P nanoseconds of the process's CPU time
      (see Sampler) until profile_stop; reply {}.
  {"cmd": "profile_stop"}  stop sampling and reply with the stacks counted:
      {"period_ns": P, "samples": S, "cut": C, "frames": [[function, file,
      line], ...], "stacks": [[count, [frame index, innermost first, ...]],
      ...]}.

A failure in the code under test replies {"error": E, "traceback": T},
where E is the exception in one line and T the traceback's last lines.
"""

import dis
import gc
import importlib.util
import inspect
import itertools
import json
import os
import shutil
import signal
import sys
import time
import traceback

try:
    import resource
except ImportError:  # not on Windows
    resource = None

# A strategy that is a function is called once per operation, with what
# setup returned if it takes an argument. The loop is timeit's: the
# iteration over itertools.repeat costs next to nothing, and every name the
# loop touches is a local.
_CALL_TEMPLATE = """
def inner(_n, _k, _timer, _f, _s, _out):
    _repeat = _itertools_repeat
    for _b in range(_k):
        _it = _repeat(None, _n)
        _t0 = _timer()
        for _ in _it:
            {call}
        _t1 = _timer()
        _out.append(_t1 - _t0)
"""

# A strategy that is a string is a statement, timed inline as timeit times
# it: the names setup returned are bound as locals first, as timeit's
# setup binds them, so that the statement runs exactly as it would there.
_STMT_TEMPLATE = """
def inner(_n, _k, _timer, _ns, _out):
    _repeat = _itertools_repeat
{bind}
    for _b in range(_k):
        _it = _repeat(None, _n)
        _t0 = _timer()
        for _ in _it:
{stmt}
        _t1 = _timer()
        _out.append(_t1 - _t0)
"""


class UserError(Exception):
    """A failure of the code under test, already described."""

    def __init__(self, message, tb):
        super().__init__(message)
        self.tb = tb


_SELF = os.path.abspath(__file__)


def describe(exc):
    """Return the exception in one line and the traceback's last lines,
    without the worker's own frames: they are no part of the person's code."""
    only = traceback.format_exception_only(type(exc), exc)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.abspath(f.filename) != _SELF and not f.filename.startswith(("<bench", "<frozen"))]
    tail = "".join(traceback.format_list(frames) + only).rstrip().splitlines()[-8:]
    line = only[-1].strip() if only else type(exc).__name__
    return line, "\n".join(tail)


def user(fn, *args):
    """Call code under test, turning its exceptions into a UserError."""
    try:
        return fn(*args)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the user's code may raise anything
        raise UserError(*describe(exc)) from None


class Worker:
    def __init__(self):
        self.module = None
        self.state = None
        self.inner = None
        self.gcs = 0
        self.ops = 0
        self.counting = False
        self.sampler = Sampler(self)
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase, info):
        if phase == "stop" and self.counting:
            self.gcs += 1

    def load(self, req):
        path, name = req["path"], req["name"]
        folder = os.path.dirname(os.path.abspath(path))
        # The module's folder goes first on the path, so that it imports
        # its neighbours and so that a child process of multiprocessing
        # (spawn, forkserver) finds the module again by name.
        if folder not in sys.path:
            sys.path.insert(0, folder)
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None:
            raise UserError("cannot load %s as Python" % path, "")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        try:
            spec.loader.exec_module(mod)
        except SyntaxError as exc:
            raise UserError(*describe(exc)) from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            raise UserError(*describe(exc)) from None
        self.module = mod
        names = [k for k in vars(mod) if k.startswith("bench_")]
        names = [k for k in names if callable(getattr(mod, k)) or isinstance(getattr(mod, k), str)]
        params = getattr(mod, "PARAMS", {})
        if not isinstance(params, dict):
            raise UserError("PARAMS must be a dict of names to default values, got %s" % type(params).__name__, "")
        declared = [describe_param(k, v) for k, v in params.items()]
        docs = {}
        for k in names:
            doc = inspect.getdoc(getattr(mod, k)) if callable(getattr(mod, k)) else getattr(mod, k)
            docs[k] = (doc or "").strip().splitlines()[0] if doc else ""
        return {"strategies": names, "params": declared, "docs": docs}

    def setup(self, req):
        mod = self.module
        strategy = getattr(mod, req["strategy"], None)
        if strategy is None:
            raise UserError("no strategy %s in the module" % req["strategy"], "")
        params = dict(getattr(mod, "PARAMS", {}))
        params.update(req.get("params") or {})
        setup = getattr(mod, "setup", None)
        self.state = user(setup, params) if setup is not None else None
        self.sampler.strategy = "%s.%s" % (mod.__name__, req["strategy"])
        self.inner = self._compile(strategy)
        return {}

    def _compile(self, strategy):
        if isinstance(strategy, str):
            shared = self.state if isinstance(self.state, dict) else {}
            names = [k for k in shared if k.isidentifier()]
            bind = "\n".join("    %s = _ns[%r]" % (k, k) for k in names) or "    pass"
            stmt = "\n".join("            " + line for line in strategy.splitlines() or ["pass"])
            src = _STMT_TEMPLATE.format(bind=bind, stmt=stmt)
            # The statement's first line, in the compiled loop's numbering.
            self.sampler.statement_line = _STMT_TEMPLATE.split("{stmt}")[0].format(bind=bind).count("\n") + 1
            # The statement sees the module's globals, as a function
            # defined in it would, and setup's names as locals.
            ns = dict(vars(self.module), _itertools_repeat=itertools.repeat)
            user(exec, compile_user(src), ns)
            inner = ns["inner"]
            return lambda n, k, out: inner(n, k, time.perf_counter_ns, shared, out)
        ns = {"_itertools_repeat": itertools.repeat}
        takes = _takes_argument(strategy)
        call = "_f(_s)" if takes else "_f()"
        exec(compile(_CALL_TEMPLATE.format(call=call), "<bench loop>", "exec"), ns)
        inner, state = ns["inner"], self.state
        return lambda n, k, out: inner(n, k, time.perf_counter_ns, strategy, state, out)

    def run(self, req):
        if self.inner is None:
            raise UserError("no strategy set up", "")
        n, k = int(req["n"]), int(req["k"])
        out = []
        sampler = self.sampler
        t0 = time.process_time_ns() if sampler.period_ns else 0
        self.counting = True
        try:
            user(self.inner, n, k, out)
        finally:
            self.counting = False
            if t0:
                sampler.batch_ns += time.process_time_ns() - t0
        self.ops += n * k
        return {"ns": out}

    def memory(self, req):
        import tracemalloc

        peak = 0
        for _ in range(max(1, int(req.get("k", 1)))):
            tracemalloc.start()
            try:
                base = tracemalloc.get_traced_memory()[0]
                user(self.inner, 1, 1, [])
                peak = max(peak, tracemalloc.get_traced_memory()[1] - base)
            finally:
                tracemalloc.stop()
        return {"peak_bytes": peak}

    def call(self, req):
        fn = getattr(self.module, str(req.get("fn")), None)
        if not callable(fn):
            raise UserError("no function %s in the module" % req.get("fn"), "")
        t0 = time.perf_counter_ns()
        value = user(fn, *(req.get("args") or []))
        return {"value": value, "ns": time.perf_counter_ns() - t0}

    def stats(self, req):
        out = {"gc_collections": self.gcs, "ops": self.ops}
        if resource is not None:
            # ru_maxrss is in KiB on Linux and in bytes on macOS.
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            out["max_rss_kib"] = rss / 1024 if sys.platform == "darwin" else rss
        metrics = getattr(self.module, "metrics", None)
        if metrics is not None:
            got = user(metrics, self.state) if _takes_argument(metrics) else user(metrics)
            if got:
                out["metrics"] = {str(k): float(v) for k, v in dict(got).items()}
        if req.get("reset"):
            self.gcs, self.ops = 0, 0
        return out


# The root frame every sampled stack ends in: the timing loop that calls
# the strategy, so that the stacks of two strategies meet in one frame, as
# a Go strategy's meet in the engine's loop. The worker's own frames below
# it (the conversation, the dispatch) are left out: they are the same for
# every strategy and no part of an operation.
_ROOT = ("perflab.bench_loop", "<bench loop>", 0)
# The frame that stands for the frames a stack deeper than Sampler.MAX_DEPTH
# lost, and the stack that stands for every stack past Sampler.MAX_STACKS.
_CUT = ("perflab.(frames cut)", "", 0)
_OTHER = ("perflab.(stacks past the cap)", "", 0)
_WORKER_FILES = frozenset([__file__, _SELF])


class Sampler:
    """A sampling profiler of the strategy's operations, standard library only.

    A profiling timer (ITIMER_PROF) sends SIGPROF each period of the
    process's CPU time, so that a process that waits is not sampled and
    one on a busy machine is sampled as often per unit of work as on an
    idle one. The handler runs in the main thread, between two bytecodes,
    with the frame it interrupted: it walks that frame's f_back chain and
    counts the stack, each frame by its code and instruction (f_lasti: its
    line, f_lineno, costs a search of the line table that took twice the
    rest of the walk), which stop turns into lines. The interpreter runs
    the handler at its safe points (a call, a loop's jump back), so a
    sample's line is the nearest such point, not always the hottest line.
    Signals that arrive while a long C call holds the interpreter are
    merged by the kernel and the interpreter into one call of the
    handler, so each stack is given the CPU time that passed since the
    last call rather than one sample: a strategy whose time goes to one
    sort of a big list is then not undercounted. The kernel fires the
    timer at its ticks (every 4 ms where it runs at 250 Hz, whatever the
    period asked), so stop reports the period the calls came at, the CPU
    time over the calls, and gives each stack its share of the calls by
    its CPU time: the samples are as many as the calls, which their ±
    (the square root of a count) needs, and add up to the CPU time of
    the strategy's batches, measured around each.
    Only samples taken while the worker runs the strategy's batches count;
    the rest (reading orders, replying) is the worker's, not an
    operation's. Only the main thread is seen: a strategy whose work runs
    in other threads shows the main thread's wait.

    The counts are bounded, so that the reply stays small however deep
    or varied the code: at most MAX_DEPTH frames a stack (the innermost,
    then a frame that says frames were cut, then the root) and at most
    MAX_STACKS distinct stacks, past which samples count under one stack
    that says so.
    """

    MAX_DEPTH = 64
    MAX_STACKS = 10000

    def __init__(self, worker):
        self.worker = worker
        self.strategy = "strategy"
        self.statement_line = 0
        self.installed = False
        self.period_ns = 0
        self.last = 0
        self.counts = {}
        # Each code object met, by identity, with its module's name, or
        # None for the worker's own: a walk stops at the first of those.
        self.codes = {}
        self.lines = {}
        self.cut = 0
        self.calls = 0
        # The CPU time of the strategy's batches while sampling: what the
        # samples add up to (see stop).
        self.batch_ns = 0

    def start(self, req):
        period = int(req.get("period_ns") or 5000000)
        if period < 1000000:
            raise UserError("a sampling period under 1ms, got %dns" % period, "")
        if not self.installed:
            # The handler stays: a SIGPROF still on its way when the
            # timer stops must find it rather than the default action,
            # which ends the process.
            signal.signal(signal.SIGPROF, self._on_signal)
            self.installed = True
        self.counts, self.cut, self.calls, self.batch_ns = {}, 0, 0, 0
        self.period_ns = period
        self.last = time.process_time_ns()
        signal.setitimer(signal.ITIMER_PROF, period / 1e9, period / 1e9)
        return {}

    def stop(self, req):
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        period, counts, calls = self.period_ns, self.counts, self.calls
        self.period_ns, self.counts = 0, {}
        # Stacks counted by instruction become stacks by line: those
        # that differ only in the instruction of a line merge here.
        merged = {}
        for key, ns in counts.items():
            places = tuple(self._places(key))
            merged[places] = merged.get(places, 0) + ns
        # The samples add up to the batches' CPU time, measured around
        # each batch: the CPU time between two signals, which the
        # weights are, also holds the worker's own between batches
        # (reading an order, replying), a third of an operation of a
        # tenth of a millisecond, which a period from the weights
        # would have given the strategy.
        if calls and self.batch_ns:
            period = max(1, self.batch_ns // calls)
        frames, index, stacks = [], {}, []
        for places, count in _apportion(merged, calls).items():
            if not count:
                continue
            ids = []
            for place in places:
                i = index.get(place)
                if i is None:
                    i = index[place] = len(frames)
                    frames.append(list(place))
                ids.append(i)
            stacks.append([count, ids])
        return {"period_ns": period, "samples": calls, "cut": self.cut, "frames": frames, "stacks": stacks}

    def _on_signal(self, signum, frame):
        if not self.period_ns:
            return
        now = time.process_time_ns()
        elapsed = now - self.last
        self.last = now
        if not self.worker.counting or frame is None:
            return
        key = []
        codes = self.codes
        while frame is not None:
            code = frame.f_code
            # Code objects hash their whole contents: they are told
            # apart by identity, and kept alive here so that no other
            # takes the identity of one counted.
            ident = id(code)
            known = codes.get(ident)
            if known is None:
                own = code.co_filename in _WORKER_FILES
                known = codes[ident] = (code, None if own else frame.f_globals.get("__name__") or "")
            if known[1] is None:
                break
            key.append((ident, frame.f_lasti))
            frame = frame.f_back
        if len(key) > self.MAX_DEPTH:
            key = key[:self.MAX_DEPTH - 2] + [_CUT, key[-1]]
        key = tuple(key)
        if key not in self.counts and len(self.counts) >= self.MAX_STACKS:
            self.cut += 1
            key = (_OTHER,)
        self.counts[key] = self.counts.get(key, 0) + elapsed
        self.calls += 1

    def _places(self, key):
        """Name each frame of a counted stack, innermost first, and end it
        with the root: (function, file, line)."""
        out = []
        for item in key:
            if item is _CUT or item is _OTHER:
                out.append(item)
            else:
                out.extend(self._place(*item))
        if not out or out[-1] != _ROOT:
            out.append(_ROOT)
        return out

    def _place(self, ident, offset):
        """Name one frame: module.qualname at file:line. The timing loop
        is the root; a statement strategy, which runs inline in it, is
        named after its strategy, with its own line numbers."""
        code, module = self.codes[ident]
        line = self.lines.get((ident, offset))
        if line is None:
            line = self.lines[(ident, offset)] = _line_at(code, offset)
        if code.co_filename == "<bench loop>":
            return [_ROOT]
        name = getattr(code, "co_qualname", code.co_name)
        if code.co_filename == "<bench statement>":
            at = line - self.statement_line + 1
            if code.co_name != "inner":
                # A lambda or a comprehension of the statement.
                return [(self.strategy + "." + name.replace("inner.<locals>.", ""), "<bench statement>", max(at, 0))]
            if at < 1:
                return [_ROOT]
            return [(self.strategy, "<bench statement>", at), _ROOT]
        if module:
            name = module + "." + name
        return [(name, code.co_filename, line or 0)]


def _apportion(weights, n):
    """Share n whole samples among the keys of weights in proportion to
    their weights, by largest remainder, so that the shares add up to n."""
    total = sum(weights.values())
    if not total:
        return {}
    exact = {k: w * n / total for k, w in weights.items()}
    shares = {k: int(x) for k, x in exact.items()}
    left = n - sum(shares.values())
    for k in sorted(exact, key=lambda k: exact[k] - shares[k], reverse=True)[:left]:
        shares[k] += 1
    return shares


def _line_at(code, offset):
    """Return the line of code's instruction at offset (a frame's f_lasti,
    which costs less to read in the signal handler than f_lineno)."""
    if hasattr(code, "co_lines"):  # Python 3.10 and later
        for start, end, line in code.co_lines():
            if start <= offset < end:
                return line or 0
        return 0
    line = 0
    for start, at in dis.findlinestarts(code):
        if start > offset:
            break
        line = at
    return line


def compile_user(src):
    """Compile a statement's timing loop; a syntax error is the user's."""
    try:
        return compile(src, "<bench statement>", "exec")
    except SyntaxError as exc:
        raise UserError(*describe(exc)) from None


def _takes_argument(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    required = [p for p in sig.parameters.values() if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) >= 1


def describe_param(name, value):
    """Describe one PARAMS entry as perflab's parameters are declared."""
    if not isinstance(name, str) or not name.isidentifier():
        raise UserError("PARAMS names must be identifiers, got %r" % (name,), "")
    if isinstance(value, bool):
        return {"name": name, "kind": "bool", "default": "true" if value else "false"}
    if isinstance(value, int):
        return {"name": name, "kind": "int", "default": str(value)}
    if isinstance(value, float):
        return {"name": name, "kind": "float", "default": repr(value)}
    if isinstance(value, str):
        return {"name": name, "kind": "text", "default": value}
    raise UserError("PARAMS[%r] must be an int, float, bool or str, got %s" % (name, type(value).__name__), "")


def main():
    # Keep the real standard output for replies and send whatever else
    # writes to it (a print in the code under test, a child process) to
    # standard error.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # Keep the real standard input for orders and give the code under test
    # an empty one: a bench that reads standard input must find its end at
    # once, not wait on (or eat) the orders.
    orders = os.fdopen(os.dup(0), "r", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(os.devnull, "r")
    worker = Worker()
    handlers = {"ping": lambda req: {}, "load": worker.load, "setup": worker.setup, "run": worker.run, "memory": worker.memory, "stats": worker.stats, "call": worker.call,
                "profile_start": worker.sampler.start, "profile_stop": worker.sampler.stop}
    # A SIGTERM, which the kernel sends when the process that started the
    # worker dies, ends the worker through the cleanup below.
    signal.signal(signal.SIGTERM, _leave)
    try:
        for line in orders:
            if not line.strip():
                continue
            try:
                req = json.loads(line)
                handler = handlers.get(req.get("cmd"))
                if handler is None:
                    raise UserError("unknown order %r" % req.get("cmd"), "")
                reply = handler(req)
            except UserError as exc:
                reply = {"error": str(exc), "traceback": exc.tb}
            replies.write(json.dumps(reply) + "\n")
            replies.flush()
    finally:
        _remove_own_folder()


def _leave(signum, frame):
    raise SystemExit(1)


def _remove_own_folder():
    """Remove the temporary folder perflab wrote the worker into: its
    starter, killed, cannot."""
    folder = os.path.dirname(_SELF)
    if os.path.basename(folder).startswith("perflab-python-"):
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
