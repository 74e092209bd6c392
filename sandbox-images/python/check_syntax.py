"""Compiles every .py file under the current folder and records syntax errors.

Writes .wand/diagnostics.json ([{file, line, column, severity, message}]) and, when any file
does not compile, .wand/compile-failed; exits 1 then. Imported by agent.py as well.
"""
import json
import os
import sys


def check(root="."):
    diagnostics = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.relpath(os.path.join(folder, name))
            try:
                with open(path, "rb") as source:
                    compile(source.read(), path, "exec", dont_inherit=True)
            except SyntaxError as error:
                diagnostics.append({
                    "file": path,
                    "line": error.lineno or 0,
                    "column": error.offset or 0,
                    "severity": "error",
                    "message": f"{type(error).__name__}: {error.msg}",
                })
            except ValueError as error:  # e.g. null bytes in the source
                diagnostics.append({"file": path, "line": 0, "column": 0, "severity": "error", "message": str(error)})
    return diagnostics


def main():
    diagnostics = check()
    os.makedirs(".wand", exist_ok=True)
    with open(".wand/diagnostics.json", "w") as out:
        json.dump(diagnostics, out)
    if diagnostics:
        open(".wand/compile-failed", "w").close()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
