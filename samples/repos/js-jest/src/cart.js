"use strict";

/** Cents to pay for the items, each {price, quantity} in cents, after a percent discount. */
function total(items, discountPercent = 0) {
  const gross = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  const discount = Math.round((gross * discountPercent) / 100);
  return gross - discount;
}

/** The most expensive line of the cart (price × quantity), or null for an empty cart. */
function biggestLine(items) {
  let best = null;
  for (const item of items) {
    if (best === null || item.price * item.quantity > best.price * best.quantity) {
      best = item;
    }
  }
  return best;
}

module.exports = { total, biggestLine };
