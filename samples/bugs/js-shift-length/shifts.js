// Shift lengths from clock times written "HH:MM"; a shift that ends before it starts runs past midnight.
const MINUTES_PER_DAY = 24 * 60;

function toMinutes(clock) {
  const [hours, minutes] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

// The minutes worked in a shift, { start, end }.
function shiftMinutes(shift) {
  const startMinute = toMinutes(shift.start);
  const endMinute = toMinutes(shift.end);
  const length = startMinute - endMinute;
  return length < 0 ? length + MINUTES_PER_DAY : length;
}

// The hours worked over several shifts.
function totalHours(shifts) {
  const minutes = shifts.reduce((sum, shift) => sum + shiftMinutes(shift), 0);
  return minutes / 60;
}

module.exports = { shiftMinutes, totalHours };
