"""Keeps pytest loaded in a warm sandbox, so a run skips interpreter start-up and imports.

The container's main process. It serves one run (a container is used once): `wand-test`
writes its pid to /tmp/wand-agent/requests and waits on /tmp/wand-agent/done.<pid>. The agent
forks a child that takes over that process's stdout, stderr and working directory, checks the
syntax and runs pytest exactly as `wand-test` would, in its own session; the parent kills
whatever the child left behind and reports the exit status. Then it idles until the container
is removed.
"""
import os
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


def serve(pid):
    child = os.fork()
    if child == 0:
        status = 1
        try:
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
    _, wait_status = os.waitpid(child, 0)
    try:
        os.killpg(child, signal.SIGKILL)  # anything the run started and left behind
    except ProcessLookupError:
        pass
    return os.waitstatus_to_exitcode(wait_status)


def main():
    os.makedirs(AGENT, exist_ok=True)
    requests = os.path.join(AGENT, "requests")
    os.mkfifo(requests)
    with open(requests) as fifo:
        pid = int(fifo.readline())
    status = serve(pid)
    with open(os.path.join(AGENT, f"done.{pid}"), "w") as done:
        done.write(f"{status}\n")
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
