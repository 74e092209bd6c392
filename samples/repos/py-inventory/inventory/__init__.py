"""A small inventory library: money, stock, pricing, text and dates."""
