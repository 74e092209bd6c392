import { describe, expect, it } from "vitest";
import { pageCount, paginate } from "../src/pagination";

describe("pageCount", () => {
  it("rounds a partial page up", () => {
    expect(pageCount(11, 5)).toBe(3);
  });

  it("is one for an empty list", () => {
    expect(pageCount(0, 5)).toBe(1);
  });

  it("refuses a size of zero", () => {
    expect(() => pageCount(3, 0)).toThrow(RangeError);
  });
});

describe("paginate", () => {
  const letters = ["a", "b", "c", "d", "e", "f", "g"];

  it("gives the first page", () => {
    expect(paginate(letters, 1, 3)).toEqual({ items: ["a", "b", "c"], page: 1, pageCount: 3, hasNext: true });
  });

  it("gives the last, partial page", () => {
    expect(paginate(letters, 3, 3)).toEqual({ items: ["g"], page: 3, pageCount: 3, hasNext: false });
  });
});
