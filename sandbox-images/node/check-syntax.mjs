// Checks that every .js/.mjs/.cjs file under the current folder parses (node --check) and
// prints the failures as JSON: [{file, line, column, severity, message}]. Exit 1 on any.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.isFile() && /\.(m|c)?js$/.test(entry.name)) yield relative(".", path);
  }
}

const diagnostics = [];
for (const file of sources(".")) {
  const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
  if (check.status === 0) continue;
  // V8 reports "<file>:<line>", the source line, a caret line, then "SyntaxError: <message>".
  const lines = check.stderr.split("\n");
  const where = /:(\d+)$/.exec(lines[0] ?? "");
  const caret = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
  const message = lines.find((l) => /^\w*Error: /.test(l)) ?? lines.find((l) => l.trim()) ?? "does not parse";
  diagnostics.push({
    file,
    line: where ? Number(where[1]) : 0,
    column: caret >= 0 ? lines[caret].indexOf("^") + 1 : 0,
    severity: "error",
    message: message.trim(),
  });
}

process.stdout.write(JSON.stringify(diagnostics));
process.exitCode = diagnostics.length ? 1 : 0;
