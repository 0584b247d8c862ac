package dev.burrow.test.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void theDatabaseIsReplacedAndTheHostsAndPropertiesKept() {
    assertEquals(
        "jdbc:postgresql://db:5432/t1?user=ci&ssl=true",
        JdbcUrls.withDatabase("jdbc:postgresql://db:5432/app?user=ci&ssl=true", "t1"));
    assertEquals(
        "jdbc:postgresql://a:5432,b:5433/t1",
        JdbcUrls.withDatabase("jdbc:postgresql://a:5432,b:5433/app", "t1"));
    assertEquals("jdbc:postgresql://db/t1", JdbcUrls.withDatabase("jdbc:postgresql://db/", "t1"));
    assertEquals("jdbc:postgresql://db/t1", JdbcUrls.withDatabase("jdbc:postgresql://db", "t1"));
    assertEquals(
        "jdbc:postgresql:t1?user=ci", JdbcUrls.withDatabase("jdbc:postgresql:app?user=ci", "t1"));
  }

  @Test
  void anotherDriversUrlIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> JdbcUrls.withDatabase("jdbc:mysql://db/app", "t1"));
  }
}
