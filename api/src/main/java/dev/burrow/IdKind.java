package dev.burrow;

/** The kind of ID a store generates for {@code create()}. */
public enum IdKind {
  /**
   * 64-bit Snowflake ID (timestamp, worker, sequence), written as a decimal string. Unique per data
   * root because worker numbers are leased, never derived from a hash.
   */
  SNOWFLAKE,

  /** RFC 9562 UUID version 7, written in its canonical 36-character form. */
  UUID_V7
}
