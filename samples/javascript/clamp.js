// Keeps a number within bounds. One branch returns the wrong bound.
function clamp(value, min, max) {
  if (min > max) throw new RangeError("min must not exceed max");
  if (value < min) return min;
  if (value > max) return min;
  return value;
}

module.exports = { clamp };
