const test = require("node:test");
const assert = require("node:assert/strict");
const { compareVersions } = require("./versions.js");

test("a lower minor version is older", () => {
  assert.equal(compareVersions("1.2.0", "1.3.0"), -1);
});

test("parts compare as numbers, not text", () => {
  assert.equal(compareVersions("1.10.0", "1.9.0"), 1);
});

test("equal versions compare equal", () => {
  assert.equal(compareVersions("2.0.1", "2.0.1"), 0);
});

test("missing parts count as zero", () => {
  assert.equal(compareVersions("1.2", "1.2.0"), 0);
});

test("sorting a list of versions", () => {
  assert.deepEqual(["1.10", "1.2", "1.9.1"].sort(compareVersions), ["1.2", "1.9.1", "1.10"]);
});
