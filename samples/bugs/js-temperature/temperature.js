// Converts temperatures between Fahrenheit and Celsius, rounded to one decimal.
function round1(value) {
  return Math.round(value * 10) / 10;
}

function toCelsius(fahrenheit) {
  return round1((fahrenheit + 32) * 5 / 9);
}

function toFahrenheit(celsius) {
  return round1(celsius * 9 / 5 + 32);
}

module.exports = { toCelsius, toFahrenheit };
