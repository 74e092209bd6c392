import { describe, expect, it } from "vitest";
import { covered, merge } from "../src/intervals.js";

describe("merge", () => {
  it("joins overlapping intervals", () => {
    expect(merge([[1, 3], [2, 6], [8, 10]])).toEqual([[1, 6], [8, 10]]);
  });

  it("joins touching intervals", () => {
    expect(merge([[1, 2], [2, 4]])).toEqual([[1, 4]]);
  });

  it("sorts first", () => {
    expect(merge([[5, 6], [1, 2]])).toEqual([[1, 2], [5, 6]]);
  });
});

describe("covered", () => {
  it("counts overlaps once", () => {
    expect(covered([[0, 5], [3, 8]])).toBe(8);
  });
});
