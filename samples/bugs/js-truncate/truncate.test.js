const test = require("node:test");
const assert = require("node:assert/strict");
const { truncate } = require("./truncate.js");

test("short text is kept", () => {
  assert.equal(truncate("hello", 10), "hello");
});

test("text of exactly max characters is kept", () => {
  assert.equal(truncate("hello", 5), "hello");
});

test("long text is cut to max characters", () => {
  assert.equal(truncate("hello world", 8), "hello w…");
});

test("trailing spaces before the ellipsis are dropped", () => {
  assert.equal(truncate("hello world", 7), "hello…");
});

test("max below one is an error", () => {
  assert.throws(() => truncate("hi", 0), RangeError);
});
