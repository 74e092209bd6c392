const test = require("node:test");
const assert = require("node:assert/strict");
const { shiftMinutes, totalHours } = require("./shifts.js");

test("a day shift", () => {
  assert.equal(shiftMinutes({ start: "09:00", end: "17:00" }), 480);
});

test("minutes count too", () => {
  assert.equal(shiftMinutes({ start: "08:45", end: "12:15" }), 210);
});

test("a night shift runs past midnight", () => {
  assert.equal(shiftMinutes({ start: "22:00", end: "06:00" }), 480);
});

test("a shift that ends at midnight", () => {
  assert.equal(shiftMinutes({ start: "18:30", end: "00:00" }), 330);
});

test("a short shift", () => {
  assert.equal(shiftMinutes({ start: "11:50", end: "12:05" }), 15);
});

test("total hours of a week", () => {
  const week = [
    { start: "09:00", end: "17:00" },
    { start: "09:00", end: "13:30" },
    { start: "22:00", end: "06:00" },
  ];
  assert.equal(totalHours(week), 20.5);
});

test("no shifts, no hours", () => {
  assert.equal(totalHours([]), 0);
});
