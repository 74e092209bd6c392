"use strict";

const { expect } = require("chai");
const { parseDuration, formatDuration } = require("../src/duration");

describe("parseDuration", () => {
  it("reads hours and minutes", () => {
    expect(parseDuration("1h30m")).to.equal(5400);
  });

  it("reads days", () => {
    expect(parseDuration("2d")).to.equal(172800);
  });

  it("refuses text that is not a duration", () => {
    expect(() => parseDuration("soon")).to.throw("not a duration");
  });
});

describe("formatDuration", () => {
  it("writes the largest units first", () => {
    expect(formatDuration(5400)).to.equal("1h30m");
  });

  it("writes zero as 0s", () => {
    expect(formatDuration(0)).to.equal("0s");
  });

  it("round-trips", () => {
    expect(parseDuration(formatDuration(93784))).to.equal(93784);
  });
});
