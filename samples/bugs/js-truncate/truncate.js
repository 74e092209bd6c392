// Shortens text for display: at most `max` characters, ending in an ellipsis when cut.
const ELLIPSIS = "…";

function truncate(text, max) {
  if (max < 1) throw new RangeError("max must be at least 1");
  if (text.length <= max) return text;
  // The ellipsis takes one of the `max` characters.
  return text.slice(0, max).trimEnd() + ELLIPSIS;
}

module.exports = { truncate };
