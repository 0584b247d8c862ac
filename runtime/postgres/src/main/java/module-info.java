/**
 * Burrow's PostgreSQL backend: the same typed stores, shared by every host that uses one database.
 * Plain JDBC; the driver and the pool are the caller's.
 */
module dev.burrow.postgres {
  requires transitive dev.burrow.runtime;
  requires transitive java.sql;

  exports dev.burrow.postgres;

  // A data root's record of the tables it serves (RootClaim.Served) is read and written by Jackson.
  opens dev.burrow.postgres.internal to
      tools.jackson.databind;
}
