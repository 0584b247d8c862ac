package dev.burrow.samples.jpms;

/** A customer's pricing tier. */
public enum Tier {
  FREE,
  PRO
}
