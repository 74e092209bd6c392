const test = require("node:test");
const assert = require("node:assert/strict");
const { clamp } = require("./clamp.js");

test("a value inside the bounds is kept", () => {
  assert.equal(clamp(5, 0, 10), 5);
});

test("a value below the minimum becomes the minimum", () => {
  assert.equal(clamp(-3, 0, 10), 0);
});

test("a value above the maximum becomes the maximum", () => {
  assert.equal(clamp(42, 0, 10), 10);
});

test("inverted bounds are an error", () => {
  assert.throws(() => clamp(1, 10, 0), RangeError);
});
