// Order discounts, in percent. Members get 10; an order of 100 or more gets 5, members' orders
// too (the two add up); a valid coupon adds its own percentage. The discount is at most 30.
const MEMBER = 10;
const LARGE_ORDER = 5;
const LARGE_FROM = 100;
const MAX_DISCOUNT = 30;

function discountPercent({ total, member, coupon }, coupons = {}) {
  const large = total >= LARGE_FROM;
  let percent = 0;
  if (member) percent += MEMBER;
  if (large && !member) percent += LARGE_ORDER;
  if (coupon in coupons) percent += coupons[coupon];
  return Math.min(percent, MAX_DISCOUNT);
}

// What the customer pays, rounded to the cent.
function amountDue(order, coupons = {}) {
  return Math.round(order.total * (100 - discountPercent(order, coupons))) / 100;
}

module.exports = { discountPercent, amountDue };
