const test = require("node:test");
const assert = require("node:assert/strict");
const { discountPercent, amountDue } = require("./discount.js");

const coupons = { SPRING: 15, WELCOME: 20 };

test("no discount on a small order", () => {
  assert.equal(discountPercent({ total: 40, member: false }), 0);
});

test("members get 10 percent", () => {
  assert.equal(discountPercent({ total: 40, member: true }), 10);
});

test("a large order gets 5 percent", () => {
  assert.equal(discountPercent({ total: 100, member: false }), 5);
});

test("a member's large order gets both discounts", () => {
  assert.equal(discountPercent({ total: 250, member: true }), 15);
});

test("just under the large-order threshold", () => {
  assert.equal(discountPercent({ total: 99.99, member: true }), 10);
});

test("a coupon adds its percentage", () => {
  assert.equal(discountPercent({ total: 40, member: false, coupon: "SPRING" }, coupons), 15);
});

test("an unknown coupon adds nothing", () => {
  assert.equal(discountPercent({ total: 40, member: true, coupon: "BOGUS" }, coupons), 10);
});

test("the discount is capped at 30 percent", () => {
  assert.equal(discountPercent({ total: 120, member: true, coupon: "WELCOME" }, coupons), 30);
});

test("amount due", () => {
  assert.equal(amountDue({ total: 200, member: true }), 170);
  assert.equal(amountDue({ total: 19.99, member: false }), 19.99);
  assert.equal(amountDue({ total: 120, member: false, coupon: "SPRING" }, coupons), 96);
});
