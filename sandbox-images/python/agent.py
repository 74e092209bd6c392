"""Keeps pytest loaded in a warm sandbox, so a run skips interpreter start-up and imports.

The container's main process. `wand-test` opens /tmp/wand-agent/done.<pid> (a FIFO), writes
"<pid> <time limit in seconds, 0 for none>" to /tmp/wand-agent/requests and reads its exit
status from done.<pid>. For each request the agent forks a child from this pre-imported
process; the child takes over that process's stdout, stderr and working directory, checks
the syntax and runs pytest exactly as `wand-test` would, in its own session. The parent
serves many requests at once (a batch runs several variants in parallel), kills a child's
session at its time limit (killing `wand-test`'s process group cannot reach it: it is ours),
kills whatever a child left behind, and answers "<exit status> <1 if timed out, else 0>".
"""
import errno
import importlib
import os
import select
import signal
import sys
import time

import pytest  # noqa: F401  (the point: imported once, before any run)
import _pytest.junitxml  # noqa: F401
import _pytest.python  # noqa: F401
import _pytest.assertion.rewrite  # noqa: F401

sys.path.insert(0, "/usr/local/lib/wand")
import check_syntax  # noqa: E402

AGENT = "/tmp/wand-agent"


def run_child(pid, closing):
    """In the forked child: become the requester's test run; never return."""
    status = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in closing:
            os.close(fd)
        os.setsid()
        for fd in (1, 2):
            target = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY)
            os.dup2(target, fd)
            os.close(target)
        sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
        os.chdir(os.readlink(f"/proc/{pid}/cwd"))
        sys.path.insert(0, os.getcwd())
        status = check_syntax.main() or pytest.main(["-q", "-p", "no:cacheprovider", "--junitxml=.wand/junit.xml"])
    except BaseException as error:  # report, never let the child return into the server loop
        print(f"wand agent: {error!r}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(status))


def answer(requester, status, timed_out):
    """Writes the result to the requester's FIFO; a requester that is gone (killed) has no reader."""
    try:
        fd = os.open(os.path.join(AGENT, f"done.{requester}"), os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno in (errno.ENXIO, errno.ENOENT):
            return
        raise
    try:
        os.write(fd, f"{status} {1 if timed_out else 0}\n".encode())
    except OSError:
        pass
    finally:
        os.close(fd)


def exit_status(wait_status):
    # A shell's `exit` takes 0-255: a signal becomes 128 + its number, as a shell reports it.
    if os.WIFSIGNALED(wait_status):
        return 128 + os.WTERMSIG(wait_status)
    return os.waitstatus_to_exitcode(wait_status)


def warm_up():
    """One run of pytest on a throwaway test before serving: what pytest loads lazily (its
    plugins, the assertion rewriter's machinery) is then loaded once, not in every child."""
    import _pytest.config

    for name in _pytest.config.default_plugins:
        try:
            importlib.import_module(f"_pytest.{name}")
        except ImportError:
            pass
    folder = "/tmp/wand-warm-up"
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "test_wand_warm_up.py"), "w") as test:
        test.write("def test_warm_up():\n    assert 1 + 1 == 2\n")
    saved, quiet = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    try:
        pytest.main(["-q", "-p", "no:cacheprovider", f"--rootdir={folder}", f"--junitxml={folder}/junit.xml", folder])
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(quiet)
        sys.modules.pop("test_wand_warm_up", None)


def main():
    warm_up()
    os.makedirs(AGENT, exist_ok=True)
    requests_path = os.path.join(AGENT, "requests")
    os.mkfifo(requests_path)
    # Opened for reading and writing, so it never reads end-of-file between requesters.
    requests = os.open(requests_path, os.O_RDWR)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)

    running = {}  # child pid -> [requester pid, deadline or None, timed out]
    pending = b""
    while True:
        now = time.monotonic()
        deadlines = [r[1] for r in running.values() if r[1] is not None and not r[2]]
        wait = max(0.0, min(deadlines) - now) if deadlines else None
        try:
            ready, _, _ = select.select([requests, wake_read], [], [], wait)
        except InterruptedError:
            ready = []
        if wake_read in ready:
            try:
                while os.read(wake_read, 512):
                    pass
            except BlockingIOError:
                pass
        if requests in ready:
            pending += os.read(requests, 4096)
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                fields = line.split()
                if not fields:
                    continue
                try:
                    requester = int(fields[0])
                    limit = float(fields[1]) if len(fields) > 1 else 0.0
                except ValueError:
                    continue  # not a request of wand-test's; the server must outlive it
                child = os.fork()
                if child == 0:
                    run_child(requester, (requests, wake_read, wake_write))
                running[child] = [requester, time.monotonic() + limit if limit > 0 else None, False]

        now = time.monotonic()
        for child, run in running.items():
            if run[1] is not None and not run[2] and now >= run[1]:
                run[2] = True
                for kill in (os.killpg, os.kill):  # the child itself too, should it not lead its session yet
                    try:
                        kill(child, signal.SIGKILL)
                    except ProcessLookupError:
                        pass

        while running:
            try:
                child, wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if child == 0:
                break
            run = running.pop(child, None)
            try:
                os.killpg(child, signal.SIGKILL)  # anything the run started and left behind
            except (ProcessLookupError, PermissionError):
                pass
            if run is not None:
                answer(run[0], exit_status(wait_status), run[2])


if __name__ == "__main__":
    main()
