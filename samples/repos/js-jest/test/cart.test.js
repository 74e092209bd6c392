"use strict";

const { total, biggestLine } = require("../src/cart");

const items = [
  { name: "tea", price: 450, quantity: 2 },
  { name: "cup", price: 1200, quantity: 1 },
];

describe("total", () => {
  test("adds every line", () => {
    expect(total(items)).toBe(2100);
  });

  test("takes the discount off", () => {
    expect(total(items, 10)).toBe(1890);
  });

  test("is zero for an empty cart", () => {
    expect(total([])).toBe(0);
  });
});

describe("biggestLine", () => {
  test("compares price times quantity", () => {
    expect(biggestLine(items).name).toBe("cup");
  });

  test("is null for an empty cart", () => {
    expect(biggestLine([])).toBeNull();
  });
});
