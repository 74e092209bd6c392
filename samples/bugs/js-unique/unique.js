// Removes duplicates from a list, keeping the first occurrence and the original order.
// `key` decides when two items count as the same (the item itself by default).
function unique(items, key = (item) => item) {
  const seen = new Set();
  const result = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) {
      seen.add(k);
      result.push(item);
    }
  }
  return result;
}

module.exports = { unique };
