/**
 * A Burrow consumer on the module path: one {@code requires}, and one {@code opens} because a
 * nested record ({@link dev.burrow.samples.jpms.Address}) is read and written by Jackson databind.
 */
module dev.burrow.samples.jpms {
  requires dev.burrow.runtime;

  opens dev.burrow.samples.jpms to
      tools.jackson.databind;
}
