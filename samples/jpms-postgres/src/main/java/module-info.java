/**
 * A Burrow consumer on PostgreSQL, on the module path: {@code requires dev.burrow.postgres}, which
 * gives its stores the {@code open(DataSource …)} openers, and one {@code opens} for the nested
 * record Jackson databind reads and writes ({@link dev.burrow.samples.jpms.postgres.Destination}).
 */
module dev.burrow.samples.jpms.postgres {
  requires dev.burrow.postgres;

  opens dev.burrow.samples.jpms.postgres to
      tools.jackson.databind;
}
