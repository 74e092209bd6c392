// jest's --json report as JUnit XML: a testcase per test, and per test file that failed to run.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";

const escape = (text) => String(text)
  .replace(/\x1b\[[0-9;]*m/g, "")
  .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, "")
  .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const firstLine = (text) => String(text).replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n")[0];

export function writeJUnit(report, path) {
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
