package dev.burrow.benchmarks.harness;

/**
 * The instances every system holds in a query run of {@code size}: IDs {@code 000000000000} up,
 * {@code matches} of them (evenly spread) owned by {@link #MATCH}, the others by one of a thousand
 * other owners; state {@code a}, a 256-byte payload, counter 0.
 */
record QueryData(int size, int matches) {
  /** The owner the queries look for. */
  static final String MATCH = "match";

  static final String PAYLOAD = "p".repeat(256);

  String id(int i) {
    return String.format("%012d", i);
  }

  String owner(int i) {
    return i % (size / matches) == 0 ? MATCH : "user-" + (i % 1000);
  }

  /** Instance {@code i} as stored at version 1. */
  QueryRun document(int i) {
    return new QueryRun(id(i), 1, owner(i), "a", PAYLOAD, 0);
  }
}
