package dev.burrow.postgres.internal;

import dev.burrow.spi.InstanceSchema;

/**
 * What one view of a store writes rows with: the kind's schema and documents, the statements and
 * where they run ({@link Connections}), the leases every write respects and how ({@link
 * GuardedWrites}), how a lost commit is resolved ({@link LostCommits}), what the view knows its
 * backend wrote last ({@link KnownWrites}) and which rows its reads found ({@link SeenRows}).
 */
record RowAccess<T>(
    InstanceSchema<T> schema,
    Documents<T> documents,
    Statements statements,
    Connections connections,
    Leases leases,
    GuardedWrites guarded,
    LostCommits lost,
    KnownWrites known,
    SeenRows seen) {

  /** The kind's name, as its rows are keyed by. */
  String kind() {
    return schema.layout().name();
  }
}
