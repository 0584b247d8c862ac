/**
 * Burrow's test kit for users' tests: {@link dev.burrow.test.TempStore} gives a test a generated
 * store on a fresh temporary root (or a fresh namespace of a PostgreSQL database), {@link
 * dev.burrow.test.TempDatabase} a PostgreSQL database of its own, and {@link
 * dev.burrow.test.CrashTester} checks a user's own operation against every state a power cut could
 * leave. Only {@code dev.burrow.test} is an API; {@code dev.burrow.test.internal.*} is Burrow's own
 * test support.
 */
module dev.burrow.test {
  requires transitive dev.burrow.api;
  requires transitive org.junit.jupiter.api;
  requires java.sql;
  requires com.zaxxer.hikari;

  exports dev.burrow.test;
}
