package dev.burrow.runtime.testing;

import java.time.Instant;
import java.util.Map;

/** The instance type of runtime tests, with a hand-written schema ({@link CounterSchema}). */
public record Counter(
    String id,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String status,
    long count,
    Map<String, String> params) {

  /** This counter with {@code count} one higher. */
  public Counter incremented() {
    return new Counter(id, version, createdAt, updatedAt, status, count + 1, params);
  }

  /** This counter with other params. */
  public Counter withParams(Map<String, String> newParams) {
    return new Counter(id, version, createdAt, updatedAt, status, count, newParams);
  }

  /** This counter with another status. */
  public Counter withStatus(String newStatus) {
    return new Counter(id, version, createdAt, updatedAt, newStatus, count, params);
  }
}
