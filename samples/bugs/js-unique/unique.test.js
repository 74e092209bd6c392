const test = require("node:test");
const assert = require("node:assert/strict");
const { unique } = require("./unique.js");

test("an empty list stays empty", () => {
  assert.deepEqual(unique([]), []);
});

test("duplicates are removed in order", () => {
  assert.deepEqual(unique([3, 1, 3, 2, 1]), [3, 1, 2]);
});

test("a list without duplicates is unchanged", () => {
  assert.deepEqual(unique(["a", "b", "c"]), ["a", "b", "c"]);
});

test("a key makes names case-insensitive", () => {
  assert.deepEqual(unique(["Ann", "bob", "ANN"], (s) => s.toLowerCase()), ["Ann", "bob"]);
});
