package dev.burrow.processor.generated;

/** Statuses of the test records. */
public enum Status {
  PENDING,
  RUNNING,
  DONE
}
