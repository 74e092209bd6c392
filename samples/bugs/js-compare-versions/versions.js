// Compares dotted version numbers such as "1.10.2" part by part, as numbers, not as text.
// Returns -1, 0 or 1, like a sort comparator; missing parts count as 0, so "1.2" equals "1.2.0".
function compareVersions(a, b) {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = left[i] ?? 0;
    const y = right[i] ?? 0;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 1;
}

module.exports = { compareVersions };
