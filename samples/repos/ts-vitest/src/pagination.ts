import type { Page } from "./types";

/** How many pages of `size` items hold `total` items (at least one, even when empty). */
export function pageCount(total: number, size: number): number {
  if (size <= 0) {
    throw new RangeError(`page size must be positive, not ${size}`);
  }
  return Math.max(1, Math.ceil(total / size));
}

/** Page `page` (from 1) of `items`, `size` to a page. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const count = pageCount(items.length, size);
  const start = (page - 1) * size;
  return {
    items: items.slice(start, start + size),
    page,
    pageCount: count,
    hasNext: page < count,
  };
}
