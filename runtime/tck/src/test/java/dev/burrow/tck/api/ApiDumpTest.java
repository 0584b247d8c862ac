package dev.burrow.tck.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exported API of every published module equals its checked-in dump ({@code <module>/api/
 * <artifact>.api}), so any change to it is a visible, reviewed diff. Run with {@code
 * -Dburrow.api.update=true} to rewrite the dumps after an intended change; that run fails on
 * purpose, so a rewrite is never mistaken for a pass.
 */
class ApiDumpTest {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));

  @ParameterizedTest
  @CsvSource({
    "dev.burrow.Instance, api/api/burrow-api.api",
    "dev.burrow.runtime.StoreEngine, runtime/core/api/burrow-runtime.api",
    "dev.burrow.postgres.PostgresBackend, runtime/postgres/api/burrow-postgres.api",
    "dev.burrow.test.CrashTester, runtime/testing/api/burrow-test.api"
  })
  void theExportedApiIsTheCheckedInOne(String member, String dumpFile) throws Exception {
    String actual = ApiDump.of(Class.forName(member));
    Path file = ROOT.resolve(dumpFile);
    if (Boolean.getBoolean("burrow.api.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      fail("rewrote " + file + "; review the diff, then run again without -Dburrow.api.update");
    }
    assertTrue(Files.exists(file), file + " is missing; create it with -Dburrow.api.update=true");
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(
          "the exported API differs from "
              + file
              + " (re-run with -Dburrow.api.update=true"
              + " to accept an intended change):\n"
              + diff(expected, actual));
    }
  }

  private static String diff(String expected, String actual) {
    List<String> before = expected.lines().toList();
    List<String> after = actual.lines().toList();
    return Stream.concat(
            before.stream().filter(line -> !after.contains(line)).map(line -> "- " + line),
            after.stream().filter(line -> !before.contains(line)).map(line -> "+ " + line))
        .collect(Collectors.joining("\n"));
  }
}
