"""Time limits inside a test run, so that a run that hangs still says where it hangs.

A test that runs out of time fails with TestTimeLimitExceeded, raised at the line it was running
(its traceback is the stack Wand's fault localization reads), and every test after it fails at
once without running, so the run ends with every test in its report instead of being killed with
none:

- WAND_TIME_LIMIT (seconds, set by the sandbox's runner for every run): a test still running at
  90% of the run's limit (3 s before it, for a limit under 30 s: the report needs that time);
- WAND_TEST_TIME_LIMIT (seconds, set for a search's candidates): a test that runs longer than
  that, so that a candidate that hangs costs one test's limit, not the run's. With
  WAND_TEST_TIME_LIMIT_CONTINUE=1 the next test runs instead (a traced run that localizes a hang).

Loaded in every pytest run of the image (PYTEST_PLUGINS). Only the main thread's tests can be
stopped (the limit is a SIGALRM).
"""
import os
import signal
import threading
import time

import pytest

MARK = "wand: this test ran past"
NOT_RUN = "wand: not run:"
_deadline = None
_stopped = None


def _seconds(name):
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


class TestTimeLimitExceeded(Exception):
    """A test ran out of time: its own limit, or the run's."""

    __test__ = False


def pytest_configure(config):
    global _deadline, _stopped
    limit = _seconds("WAND_TIME_LIMIT")
    _deadline = time.monotonic() + max(limit * 0.5, limit - max(limit * 0.1, 3.0)) if limit else None
    _stopped = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _stopped:
        raise TestTimeLimitExceeded(f"{NOT_RUN} {_stopped}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    test_limit = _seconds("WAND_TEST_TIME_LIMIT")
    left = None if _deadline is None else _deadline - time.monotonic()
    if (test_limit is None and left is None) or threading.current_thread() is not threading.main_thread():
        yield
        return

    own = left is None or (test_limit is not None and test_limit <= left)
    seconds = max(0.05, test_limit if own else left)
    message = (f"{MARK} its time limit of {test_limit:g} s (it hangs, or is much slower than it was)" if own
               else f"{MARK} most of the run's time limit of {_seconds('WAND_TIME_LIMIT'):g} s; the run stopped here")

    def stop(signum, frame):
        raise TestTimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        outcome = yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    ran_out = outcome.excinfo is not None and issubclass(outcome.excinfo[0], TestTimeLimitExceeded)
    if ran_out and not (own and os.environ.get("WAND_TEST_TIME_LIMIT_CONTINUE") == "1"):
        global _stopped
        _stopped = f"{item.nodeid} ran out of time before it"
