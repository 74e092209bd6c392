const test = require("node:test");
const assert = require("node:assert/strict");
const { daysBetween, daysUntil } = require("./dates.js");

test("days between dates in one month", () => {
  assert.equal(daysBetween("2024-03-01", "2024-03-15"), 14);
});

test("days between dates across a leap day", () => {
  assert.equal(daysBetween("2024-02-28", "2024-03-01"), 2);
});

test("a deadline next week", () => {
  assert.equal(daysUntil("2024-05-01", "2024-05-08"), 7);
});

test("a deadline today", () => {
  assert.equal(daysUntil("2024-05-01", "2024-05-01"), 0);
});

test("a deadline that has passed", () => {
  assert.equal(daysUntil("2024-05-10", "2024-05-08"), -2);
});
