"""Keeps pytest loaded in a warm sandbox, so a run skips interpreter start-up and imports.

The container's main process, as root with only CAP_SETUID and CAP_SETGID. It never runs a
candidate's code itself: for each variant, the sandbox's runner (root, see
functions/Wand.Core/Sandbox/Scripts/run.sh) asks on /tmp/wand-agent/control (root's only) for a
zygote, "zygote <uid> <ack fifo>". The agent forks one, which becomes that uid for good and
waits on /tmp/.wand-zygote/requests; the agent then answers "ready" on the ack FIFO.

`wand-test`, as the candidate, writes "<its pid>" to the zygote's requests and reads its exit
status from /tmp/.wand-zygote/done.<pid>. The zygote forks a child that takes over that
process's stdout, stderr, working directory and environment, checks the syntax and runs pytest
exactly as `wand-test` would, and answers "<exit status>". The zygote is one variant's only:
the runner kills every process of the candidate's uid after the variant, zygote included, and
asks for a new one after the cleanup, so nothing one variant did reaches the next.
"""
import ctypes
import importlib
import os
import select
import signal
import sys

import pytest  # noqa: F401  (the point: imported once, before any run)
import _pytest.junitxml  # noqa: F401
import _pytest.python  # noqa: F401
import _pytest.assertion.rewrite  # noqa: F401

sys.path.insert(0, "/usr/local/lib/wand")
import check_syntax  # noqa: E402

AGENT = "/tmp/wand-agent"
ZYGOTE = "/tmp/.wand-zygote"


def become(uid):
    """Drops root for good: the OOM killer's first pick, no groups, the candidate's uid and gid."""
    # Raising one's own OOM score needs no privilege, but after the change of uid the process is
    # undumpable and its /proc files are root's: written first.
    with open("/proc/self/oom_score_adj", "w") as adj:
        adj.write("1000")
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    # Undumpable, it would hide from the runner's check that no process of the uid is left.
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE


def adopt(pid):
    """In a run's child: the requester's stdout, stderr, folder and environment."""
    for fd in (1, 2):
        target = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    with open(f"/proc/{pid}/environ", "rb") as environ:
        os.environ.clear()
        for entry in environ.read().split(b"\0"):
            name, sep, value = entry.partition(b"=")
            if sep:
                os.environb[name] = value
    import tempfile

    tempfile.tempdir = None  # TMPDIR may differ from the agent's
    os.chdir(os.readlink(f"/proc/{pid}/cwd"))
    sys.path.insert(0, os.getcwd())


def run_child(pid):
    """In the forked child: become the requester's test run; never return."""
    status = 1
    try:
        os.setsid()
        adopt(pid)
        # WAND_TESTS: the test files or node ids the runner selected, one a line (none: the whole suite).
        selected = [t for t in os.environ.get("WAND_TESTS", "").split("\n") if t]
        status = check_syntax.main() or pytest.main(["-q", "-p", "no:cacheprovider", "--junitxml=.wand/junit.xml", *selected])
    except BaseException as error:  # report, never let the child return into the zygote's loop
        print(f"wand agent: {error!r}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(status))


def exit_status(wait_status):
    # A shell's `exit` takes 0-255: a signal becomes 128 + its number, as a shell reports it.
    if os.WIFSIGNALED(wait_status):
        return 128 + os.WTERMSIG(wait_status)
    return os.waitstatus_to_exitcode(wait_status)


def zygote(uid, ready):
    """One variant's server, as its candidate: runs each request in a child and answers its status."""
    status = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in range(3, 1024):  # nothing of the agent's stays open in a candidate's process
            if fd != ready:
                try:
                    os.close(fd)
                except OSError:
                    pass
        become(uid)
        os.mkdir(ZYGOTE, 0o700)
        requests_path = os.path.join(ZYGOTE, "requests")
        os.mkfifo(requests_path, 0o600)
        requests = os.open(requests_path, os.O_RDWR)
        os.write(ready, b"1")
        os.close(ready)
        pending = b""
        while True:
            pending += os.read(requests, 4096)
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                try:
                    requester = int(line.split()[0])
                except (ValueError, IndexError):
                    continue  # not a request of wand-test's
                child = os.fork()
                if child == 0:
                    os.close(requests)
                    run_child(requester)
                _, wait_status = os.waitpid(child, 0)
                answer(requester, exit_status(wait_status))
    except BaseException as error:
        print(f"wand zygote: {error!r}", file=sys.stderr)
    finally:
        os._exit(status)


def answer(requester, status):
    """Writes the status to the requester's FIFO; a requester that is gone has no reader."""
    try:
        fd = os.open(os.path.join(ZYGOTE, f"done.{requester}"), os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        os.write(fd, f"{status}\n".encode())
    except OSError:
        pass
    finally:
        os.close(fd)


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


def acknowledge(ack):
    """Tells the runner its zygote is ready (or failed: then wand-test runs pytest itself)."""
    try:
        fd = os.open(ack, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        os.write(fd, b"ready\n")
    except OSError:
        pass
    finally:
        os.close(fd)


def main():
    warm_up()
    os.makedirs(AGENT, mode=0o700, exist_ok=True)
    os.chmod(AGENT, 0o700)
    control_path = os.path.join(AGENT, "control")
    os.mkfifo(control_path, 0o600)
    # Opened for reading and writing, so it never reads end-of-file between requests.
    control = os.open(control_path, os.O_RDWR)
    with open(os.path.join(AGENT, "pid"), "w") as pid:
        pid.write(f"{os.getpid()}\n")
    signal.signal(signal.SIGCHLD, lambda *_: None)

    waiting = {}  # ready pipe's read end -> the runner's ack FIFO
    pending = b""
    while True:
        try:
            readable, _, _ = select.select([control, *waiting], [], [], 1.0)
        except InterruptedError:
            readable = []
        for fd in readable:
            if fd in waiting:
                os.read(fd, 1)
                os.close(fd)
                acknowledge(waiting.pop(fd))
                continue
            pending += os.read(control, 4096)
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                fields = line.decode(errors="replace").split()
                if len(fields) != 3 or fields[0] != "zygote" or not fields[1].isdigit() or int(fields[1]) == 0:
                    continue
                ready_read, ready_write = os.pipe()
                child = os.fork()
                if child == 0:
                    zygote(int(fields[1]), ready_write)
                os.close(ready_write)
                waiting[ready_read] = fields[2]
        # Zygotes end when the runner kills them; reap them so none is left a zombie.
        while True:
            try:
                child, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if child == 0:
                break


if __name__ == "__main__":
    main()
