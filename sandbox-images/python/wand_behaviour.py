"""Wand's behaviour probe for Python jobs: records the calls a job's tests make into its editable
modules, and replays inputs against a candidate's code, writing what each call returned, raised,
printed, or did to its arguments. Wand compares those across candidates (issue 16).

  python3 -m wand_behaviour record MODULE...  pytest with the recorder -> .wand/calls.json (each
                                              call with the test that made it, and every test's outcome)
  python3 -m wand_behaviour replay FILE       each input of FILE (JSON) -> .wand/behaviour.json

Values cross as JSON: None, booleans, integers, strings and finite floats as they are; lists as
lists; tagged objects for the rest: {"$t": [...]} a tuple, {"$d": [[key, value], ...]} a dict,
{"$s": [...]} a set, {"$f": "nan"|"inf"|"-inf"} a float JSON cannot write, and, for results
only, {"$o": type name, "repr": its repr without memory addresses}. A call with an argument of
any other kind is not recorded: it could not be replayed.

Everything here runs as the candidate, in its sandbox: it is evidence, never a verdict.
"""
import collections.abc
import contextlib
import copy
import io
import importlib
import itertools
import json
import math
import os
import re
import signal
import sys

MAX_CALLS_PER_FUNCTION = 30
MAX_VALUE_CHARS = 2000
MAX_ITEMS = 1000
CALL_SECONDS = 1.0
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class NotPlain(Exception):
    """A value that cannot cross as JSON (and so cannot be replayed)."""


def encode(value, depth=0, strict=True):
    if depth > 20:
        raise NotPlain("too deep")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$f": "nan"}
        if math.isinf(value):
            return {"$f": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, list):
        return [encode(v, depth + 1, strict) for v in value]
    if isinstance(value, tuple):
        return {"$t": [encode(v, depth + 1, strict) for v in value]}
    if isinstance(value, dict):
        return {"$d": [[encode(k, depth + 1, strict), encode(v, depth + 1, strict)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        items = [encode(v, depth + 1, strict) for v in value]
        return {"$s": sorted(items, key=lambda i: json.dumps(i, sort_keys=True))}
    if strict:
        raise NotPlain(type(value).__name__)
    return {"$o": type(value).__name__, "repr": ADDRESS.sub("", repr(value))[:MAX_VALUE_CHARS]}


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$t" in value:
            return tuple(decode(v) for v in value["$t"])
        if "$d" in value:
            return {decode(k): decode(v) for k, v in value["$d"]}
        if "$s" in value:
            return {decode(v) for v in value["$s"]}
        if "$f" in value:
            return float(value["$f"])
        raise ValueError("not an input value: %r" % (value,))
    return value


class Recorder:
    """Wraps the functions of the named modules; each call with plain arguments is kept once."""

    def __init__(self, modules):
        self.modules = modules
        self.calls = []
        self.seen = set()
        self.per_function = {}
        self.test = None
        self.outcomes = {}

    def install(self):
        for name in self.modules:
            try:
                module = importlib.import_module(name)
            except Exception:  # a module that does not import is the tests' to report
                continue
            for attribute, value in list(vars(module).items()):
                if callable(value) and getattr(value, "__module__", None) == name and type(value).__name__ == "function":
                    setattr(module, attribute, self.wrap(name, attribute, value))

    def wrap(self, module, name, function):
        recorder = self

        def recorded(*args, **kwargs):
            recorder.keep(module, name, args, kwargs)
            return function(*args, **kwargs)

        recorded.__wrapped__ = function
        recorded.__name__ = function.__name__
        recorded.__qualname__ = function.__qualname__
        recorded.__doc__ = function.__doc__
        return recorded

    def keep(self, module, name, args, kwargs):
        key = (module, name)
        if self.per_function.get(key, 0) >= MAX_CALLS_PER_FUNCTION:
            return
        try:
            call = {"module": module, "function": name, "args": encode(list(args)), "kwargs": {k: encode(v) for k, v in kwargs.items()}}
        except NotPlain:
            return
        text = json.dumps(call, sort_keys=True)
        if text in self.seen or len(text) > MAX_VALUE_CHARS * 4:
            return
        self.seen.add(text)
        self.per_function[key] = self.per_function.get(key, 0) + 1
        call["test"] = self.test
        self.calls.append(call)


def record(modules):
    import pytest

    recorder = Recorder(modules)

    class Plugin:
        @staticmethod
        def pytest_configure(config):
            # Before collection: test modules that import a function get the recording one.
            sys.path.insert(0, os.getcwd())
            recorder.install()

        @staticmethod
        def pytest_runtest_setup(item):
            recorder.test = item.nodeid

        @staticmethod
        def pytest_runtest_logreport(report):
            if report.when == "call" or report.failed:
                recorder.outcomes[report.nodeid] = "failed" if report.failed else report.outcome

    status = pytest.main(["-q", "-p", "no:cacheprovider", "--junitxml=.wand/junit.xml"], plugins=[Plugin()])
    os.makedirs(".wand", exist_ok=True)
    with open(".wand/calls.json", "w", encoding="utf-8") as out:
        json.dump({"calls": recorder.calls, "tests": recorder.outcomes}, out)
    return int(status)


class TimedOut(BaseException):
    """Raised in a call that ran past CALL_SECONDS (BaseException: the call's own except cannot keep it)."""


def on_alarm(signum, frame):
    raise TimedOut()


def run_one(call):
    module = importlib.import_module(call["module"])
    function = getattr(module, call["function"])
    args = decode(call["args"])
    kwargs = {k: decode(v) for k, v in call.get("kwargs", {}).items()}
    before = encode(args, strict=False)
    printed = io.StringIO()
    outcome = {}
    signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
    try:
        with contextlib.redirect_stdout(printed):
            result = function(*args, **kwargs)
            if isinstance(result, collections.abc.Iterator):
                # A generator's repr says nothing of what it yields: its first items do (in the time limit).
                items = list(itertools.islice(result, MAX_ITEMS))
                outcome["returned"] = {"$o": type(result).__name__, "repr": ADDRESS.sub("", repr(items))[:MAX_VALUE_CHARS]}
        if "returned" not in outcome:
            outcome["returned"] = encode(result, strict=False)
    except TimedOut:
        outcome["timedOut"] = True
    except RecursionError:
        outcome["raised"] = "RecursionError"
    except Exception as error:  # the behaviour under test, not a failure of the probe
        outcome["raised"] = type(error).__name__
        outcome["message"] = ADDRESS.sub("", str(error))[:MAX_VALUE_CHARS]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    after = encode(args, strict=False)
    if after != before:
        outcome["argsAfter"] = after
    if printed.getvalue():
        outcome["printed"] = printed.getvalue()[:MAX_VALUE_CHARS]
    return outcome


def replay(path):
    sys.path.insert(0, os.getcwd())
    sys.setrecursionlimit(3000)
    signal.signal(signal.SIGALRM, on_alarm)
    with open(path, encoding="utf-8") as source:
        inputs = json.load(source)["inputs"]
    outcomes = []
    for call in inputs:
        try:
            outcomes.append(run_one(call))
        except TimedOut:
            outcomes.append({"timedOut": True})
        except Exception as error:  # the module or function is not there in this candidate
            outcomes.append({"missing": "%s: %s" % (type(error).__name__, ADDRESS.sub("", str(error))[:200])})
    os.makedirs(".wand", exist_ok=True)
    with open(".wand/behaviour.json", "w", encoding="utf-8") as out:
        json.dump({"outcomes": outcomes}, out)
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "record":
        return record(argv[2:])
    if len(argv) == 3 and argv[1] == "replay":
        return replay(argv[2])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
