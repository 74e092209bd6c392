"use strict";

const UNITS = { d: 86400, h: 3600, m: 60, s: 1 };

/** Seconds in a duration such as "1h30m" or "45s"; throws on anything else. */
function parseDuration(text) {
  const parts = String(text).trim().match(/^(\d+[dhms])+$/) ? text.trim().match(/\d+[dhms]/g) : null;
  if (!parts) {
    throw new Error(`not a duration: ${text}`);
  }
  let total = 0;
  for (const part of parts) {
    const unit = part[part.length - 1];
    total += Number(part.slice(0, -1)) * UNITS[unit];
  }
  return total;
}

/** The shortest text for a number of seconds: 5400 gives "1h30m", 0 gives "0s". */
function formatDuration(seconds) {
  if (seconds === 0) {
    return "0s";
  }
  let rest = seconds;
  let text = "";
  for (const [unit, size] of Object.entries(UNITS)) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

module.exports = { parseDuration, formatDuration };
