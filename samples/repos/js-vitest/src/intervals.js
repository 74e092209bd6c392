/** Merges overlapping or touching [start, end] intervals, sorted by start. */
export function merge(intervals) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      merged.push([start, end]);
    }
  }
  return merged;
}

/** The total length covered by the intervals, overlaps counted once. */
export function covered(intervals) {
  return merge(intervals).reduce((sum, [start, end]) => sum + (end - start), 0);
}
