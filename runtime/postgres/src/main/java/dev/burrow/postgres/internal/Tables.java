package dev.burrow.postgres.internal;

import dev.burrow.spi.PathSegments;

/** The names of Burrow's tables under one prefix; the prefix was checked by the options. */
record Tables(String prefix) {

  /** Documents: one row per instance of every kind. */
  String instances() {
    return prefix + "instances";
  }

  /** Lock leases: one row per instance that was ever locked, kept for its fencing epoch. */
  String leases() {
    return prefix + "leases";
  }

  /** Snowflake worker numbers: one row per number ever leased, with its high-water mark. */
  String workers() {
    return prefix + "workers";
  }

  /** Applied schema migrations. */
  String schemaVersion() {
    return prefix + "schema_version";
  }

  /**
   * Names a row of {@code table}: {@code burrow_leases row (kind 'k', id 'i')}, the ID printable.
   */
  static String row(String table, String kind, String id) {
    return table + " row (kind '" + kind + "', id '" + PathSegments.printable(id) + "')";
  }

  /** {@code sql} with {@code {p}} replaced by the prefix. */
  String expand(String sql) {
    return sql.replace("{p}", prefix);
  }
}
