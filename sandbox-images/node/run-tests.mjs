// Runs a project's tests under its framework (the one package.json's test script calls: vitest,
// jest or mocha, with the script's arguments; else node --test), which leaves JUnit XML in
// .wand/junit.xml. wand-test's arguments come after.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const frameworks = ["vitest", "jest", "mocha"];
const pkg = readJson("package.json") ?? {};
const script = typeof pkg.scripts?.test === "string" ? pkg.scripts.test : "";
const declared = { ...pkg.dependencies, ...pkg.devDependencies };
const extra = process.argv.slice(2);
// WAND_TESTS: the test files the runner selected, one a line (none: the whole suite). mocha
// adds files given to it to its configured spec rather than replacing it, so it runs everything.
const selected = (process.env.WAND_TESTS ?? "").split("\n").filter((t) => t);

const fromScript = frameworks.find((f) => scriptArgs(f) !== null);
const framework = fromScript ?? frameworks.find((f) => f in declared && existsSync(join("node_modules", f)));
const env = { ...process.env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" };

if (!framework) {
  const status = run(process.execPath, ["--test", "--test-reporter=junit", "--test-reporter-destination=.wand/junit.xml",
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=/usr/local/lib/wand/output-reporter.mjs", "--test-reporter-destination=.wand/node-output.json", ...extra, ...selected]);
  withFileFailureCauses(".wand/junit.xml", readJson(".wand/node-output.json") ?? {});
  process.exit(status);
}

const bin = binOf(framework);
if (!bin) {
  console.error(`wand: package.json runs ${framework}, which is not installed (node_modules/${framework} is missing).`);
  const install = existsSync("package-lock.json") || existsSync("npm-shrinkwrap.json") ? "npm ci" : "npm install";
  console.error(`wand: install the project's dependencies in .wand.yml:  setup: ${install}`);
  process.exit(1);
}

const args = [...(scriptArgs(framework) ?? []), ...extra];
if (framework === "mocha") {
  process.exit(run(process.execPath, [bin, ...args, "--reporter", "xunit", "--reporter-option", "output=.wand/junit.xml"]));
} else if (framework === "vitest") {
  const rest = args.filter((a) => a !== "run" && a !== "watch" && a !== "--watch");
  process.exit(run(process.execPath, [bin, "run", ...rest, ...selected, "--reporter=default", "--reporter=junit", "--outputFile.junit=.wand/junit.xml"]));
} else {
  const byPath = selected.length > 0 ? ["--runTestsByPath", ...selected] : [];
  const status = run(process.execPath, [bin, ...args, ...byPath, "--ci", "--json", "--outputFile=.wand/jest.json"]);
  const report = readJson(".wand/jest.json");
  if (report) writeJUnit(report, ".wand/junit.xml");
  process.exit(status);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

function binOf(name) {
  const own = readJson(join("node_modules", name, "package.json"));
  if (!own) return null;
  const entry = typeof own.bin === "string" ? own.bin : own.bin?.[name];
  return entry ? join("node_modules", name, entry) : null;
}

// The test script's arguments to the framework, less reporter settings; null if it does not run it.
function scriptArgs(name) {
  for (const part of script.split(/&&|\|\||;|\|/)) {
    const words = part.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    const at = words.findIndex((w) => w === name || w.endsWith(`/${name}`) || w.endsWith(`/.bin/${name}`));
    if (at < 0 || words.slice(0, at).some((w) => !/^(npx|[A-Z_]+=\S*|cross-env)$/.test(w))) continue;
    const kept = [];
    const rest = words.slice(at + 1).map((w) => w.replace(/^(["'])(.*)\1$/, "$2"));
    for (let i = 0; i < rest.length; i++) {
      if (/^(--reporter|-R|--reporter-option|-O|--outputFile|--json)$/.test(rest[i])) {
        if (rest[i] !== "--json" && !rest[i + 1]?.startsWith("-")) i++;
        continue;
      }
      if (/^(--reporter|--reporter-option|--outputFile)[=.]/.test(rest[i]) || rest[i] === "--watch" || rest[i] === "--watchAll") continue;
      kept.push(rest[i]);
    }
    return kept;
  }
  return null;
}

function escape(text) {
  return String(text).replace(/\x1b\[[0-9;]*m/g, "").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function firstLine(text) {
  return String(text).replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n")[0];
}

// jest --json as JUnit XML: a testcase per test, and per test file that failed to run.
function writeJUnit(report, path) {
  const cases = [];
  for (const file of report.testResults ?? []) {
    const name = relative(process.cwd(), file.name ?? file.testFilePath ?? "");
    const tests = file.assertionResults ?? file.testResults ?? [];
    if (tests.length === 0 && (file.status === "failed" || file.failureMessage || file.message)) {
      const message = file.failureMessage || file.message || "the test file failed to run";
      cases.push(`<testcase classname="${escape(name)}" name="${escape(name)}" time="0"><error message="${escape(firstLine(message))}">${escape(message)}</error></testcase>`);
      continue;
    }
    for (const test of tests) {
      const open = `<testcase classname="${escape(name)}" name="${escape(test.fullName ?? test.title)}" time="${(test.duration ?? 0) / 1000}">`;
      if (test.status === "failed") {
        const message = (test.failureMessages ?? []).join("\n");
        cases.push(`${open}<failure message="${escape(firstLine(message))}">${escape(message)}</failure></testcase>`);
      } else if (test.status === "passed") {
        cases.push(`${open}</testcase>`);
      } else {
        cases.push(`${open}<skipped/></testcase>`);
      }
    }
  }
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="jest">\n${cases.join("\n")}\n</testsuite></testsuites>\n`);
}

// A test file that failed as a whole gets what it wrote (the cause) in place of "test failed".
function withFileFailureCauses(path, output) {
  let xml;
  try {
    xml = readFileSync(path, "utf8");
  } catch {
    return;
  }
  const fixed = xml.replace(/(<testcase name="([^"]*)"[^>]*>\s*<failure type="testCodeFailure") message="test failed">[\s\S]*?<\/failure>/g,
    (whole, open, name) => {
      const text = output[name.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")];
      if (!text?.trim()) return whole;
      const cause = text.split("\n").find((l) => /^\w*Error\b|^\s*Error:/.test(l.trim())) ?? firstLine(text);
      return `${open} message="${escape(cause.trim())}">${escape(text)}</failure>`;
    });
  if (fixed !== xml) writeFileSync(path, fixed);
}
