package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code migrate} takes the database password from, so it need not be on the command line.
 */
class DatabasePasswordTest {
  private static final String URL = "jdbc:postgresql://db:5432/app?user=burrow";
  private static final Map<String, String> PGPASSWORD = Map.of("PGPASSWORD", "from-env");

  @TempDir Path work;

  @Test
  void theFileFirstThenPgpasswordThenNone() throws Exception {
    Path file = Files.writeString(work.resolve("password"), "from-file\nignored\n");
    assertEquals("from-file", DatabasePassword.of(URL, file, PGPASSWORD));
    assertEquals("from-env", DatabasePassword.of(URL, null, PGPASSWORD));
    assertNull(DatabasePassword.of(URL, null, Map.of()));
  }

  @Test
  void aPasswordInTheUrlWinsOverPgpasswordAsInLibpqAndIsNeverGivenTwice() throws Exception {
    String withPassword = URL + "&password=in-url";
    assertNull(DatabasePassword.of(withPassword, null, PGPASSWORD), "the driver takes the URL's");
    Path file = Files.writeString(work.resolve("password"), "from-file\n");
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatabasePassword.of(withPassword, file, PGPASSWORD));
    assertTrue(twice.getMessage().contains("--password-file"), twice.getMessage());
  }

  @Test
  void anEmptyFileIsRefusedNamingTheOption() throws Exception {
    Path empty = Files.writeString(work.resolve("empty"), "\n");
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> DatabasePassword.of(URL, empty, PGPASSWORD));
    assertTrue(refused.getMessage().contains("is empty"), refused.getMessage());
  }
}
