const test = require("node:test");
const assert = require("node:assert/strict");
const { isStrong, problems } = require("./password.js");

test("a password meeting every rule is strong", () => {
  assert.equal(isStrong("Tr0ubadour"), true);
});

test("a short password is weak", () => {
  assert.equal(isStrong("Ab1"), false);
});

test("a password without digits is weak", () => {
  assert.equal(isStrong("CorrectHorse"), false);
});

test("a password in one case is weak", () => {
  assert.equal(isStrong("correct1horse"), false);
});

test("problems lists each missing rule", () => {
  assert.deepEqual(problems("abc"), ["at least 8 characters", "a digit", "upper- and lower-case letters"]);
});

test("a strong password has no problems", () => {
  assert.deepEqual(problems("Tr0ubadour"), []);
});
