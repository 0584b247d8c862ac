package dev.burrow.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Passwords in what the command prints are masked, whatever quotes them. */
class SecretsTest {
  @Test
  void passwordsInUrlsAreMaskedAndTheRestKept() {
    assertEquals(
        "Failed to get driver instance for jdbcUrl=jdbc:postgresql://h/db?user=app&password=***",
        Secrets.redact(
            "Failed to get driver instance for jdbcUrl=jdbc:postgresql://h/db?user=app&password=pw1"));
    assertEquals(
        "Unmatched argument at index 1: 'jdbc:postgresql://h/db?PASSWORD=***&ssl=true'",
        Secrets.redact(
            "Unmatched argument at index 1: 'jdbc:postgresql://h/db?PASSWORD=pw2&ssl=true'"));
    assertEquals(
        "cannot reach jdbc:postgresql://app:***@db.internal:5432/jobs",
        Secrets.redact("cannot reach jdbc:postgresql://app:pw3@db.internal:5432/jobs"));
    assertEquals("sslpassword=*** given", Secrets.redact("sslpassword=pw4 given"));
    assertEquals(
        "FATAL: password authentication failed for user \"app\"",
        Secrets.redact("FATAL: password authentication failed for user \"app\""));
  }

  @Test
  void aGivenPasswordIsMaskedWhereverItAppears() {
    Secrets.add("correct horse battery");
    assertEquals(
        "the server said: *** is not accepted",
        Secrets.redact("the server said: correct horse battery is not accepted"));
  }
}
