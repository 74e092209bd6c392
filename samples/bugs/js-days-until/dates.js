// Whole days between calendar dates written as YYYY-MM-DD (UTC, so no daylight-saving surprises).
const MS_PER_DAY = 24 * 60 * 60 * 1000;

function parseDate(text) {
  const [year, month, day] = text.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

// Days from `from` to `to`; negative when `to` is earlier.
function daysBetween(from, to) {
  return Math.round((parseDate(to) - parseDate(from)) / MS_PER_DAY);
}

// Days left until a deadline; 0 on the day itself, negative once it has passed.
function daysUntil(today, deadline) {
  return daysBetween(deadline, today);
}

module.exports = { daysBetween, daysUntil };
