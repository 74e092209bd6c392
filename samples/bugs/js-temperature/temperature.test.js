const test = require("node:test");
const assert = require("node:assert/strict");
const { toCelsius, toFahrenheit } = require("./temperature.js");

test("water freezes at 32 F", () => {
  assert.equal(toCelsius(32), 0);
});

test("water boils at 212 F", () => {
  assert.equal(toCelsius(212), 100);
});

test("body temperature", () => {
  assert.equal(toCelsius(98.6), 37);
});

test("minus forty is the same on both scales", () => {
  assert.equal(toCelsius(-40), -40);
});

test("celsius to fahrenheit", () => {
  assert.equal(toFahrenheit(100), 212);
});
