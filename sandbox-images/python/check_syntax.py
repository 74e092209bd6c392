"""Compiles every .py file under the current folder and prints syntax errors as JSON.

Exit 1 when any file does not compile. Output: [{file, line, column, severity, message}].
"""
import json
import os
import sys

diagnostics = []
for folder, dirs, files in os.walk("."):
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

json.dump(diagnostics, sys.stdout)
sys.exit(1 if diagnostics else 0)
