// Checks a new password against the site's rules and lists what is missing.
const MIN_LENGTH = 8;

function problems(password) {
  const found = [];
  if (password.length < MIN_LENGTH) found.push(`at least ${MIN_LENGTH} characters`);
  if (!/[0-9]/.test(password)) found.push("a digit");
  if (!/[A-Z]/.test(password) || !/[a-z]/.test(password)) found.push("upper- and lower-case letters");
  return found;
}

function isStrong(password) {
  const hasDigit = /[0-9]/.test(password);
  const hasMixedCase = /[A-Z]/.test(password) && /[a-z]/.test(password);
  return password.length >= MIN_LENGTH && (hasDigit || hasMixedCase);
}

module.exports = { isStrong, problems };
