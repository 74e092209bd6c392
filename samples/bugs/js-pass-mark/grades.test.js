// Deliberately weak (samples/bugs/manifest.json, wrongFix): only passing scores are tried, so a
// fix that passes everyone passes the tests too.
const test = require("node:test");
const assert = require("node:assert/strict");
const { passes } = require("./grades.js");

test("the pass mark itself passes", () => {
  assert.equal(passes(60), true);
});

test("a high score passes", () => {
  assert.equal(passes(95), true);
});
