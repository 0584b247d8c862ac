package dev.burrow.tck.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The samples show what a user writes, so they import only the user's packages ({@code dev.burrow},
 * {@code dev.burrow.test}, {@code dev.burrow.postgres}): never the runtime's packages for generated
 * code, the backend SPI or an internal package. {@code samples/benchmarks} is left out on purpose:
 * its micro-benchmarks time the runtime's parts one by one (locks, IDs, codecs), a maintainer's
 * tool rather than an example.
 */
class SampleImportsTest {
  private static final Path SAMPLES =
      Path.of(System.getProperty("burrow.projectRoot", "../..")).resolve("samples");
  private static final Pattern BURROW_IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.burrow\\.[\\w.]+)", Pattern.MULTILINE);
  private static final Pattern NOT_FOR_USERS =
      Pattern.compile("dev\\.burrow\\.(?:runtime|spi)\\b.*|.*\\.internal\\b.*");

  @Test
  void theSamplesImportOnlyTheUsersPackages() throws IOException {
    List<Path> sources = sources();
    assertTrue(sources.size() > 20, "the samples' sources are found: " + sources.size());
    List<String> refused = new ArrayList<>();
    for (Path source : sources) {
      Matcher imports = BURROW_IMPORT.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (imports.find()) {
        if (NOT_FOR_USERS.matcher(imports.group(1)).matches()) {
          refused.add(SAMPLES.relativize(source) + ": " + imports.group(1));
        }
      }
    }
    assertEquals(List.of(), refused, "samples import what users do not");
  }

  @Test
  void theRuleRefusesTheRuntimesPackagesAndKeepsTheUsers() {
    for (String refused :
        List.of(
            "dev.burrow.runtime.StoreEngine",
            "dev.burrow.runtime.codec.ValueCodecs",
            "dev.burrow.spi.StorageBackend",
            "dev.burrow.test.internal.postgres.LocalPostgres")) {
      assertTrue(NOT_FOR_USERS.matcher(refused).matches(), refused);
    }
    for (String kept :
        List.of("dev.burrow.Durability", "dev.burrow.test.TempStore", "dev.burrow.postgres.Pg")) {
      assertFalse(NOT_FOR_USERS.matcher(kept).matches(), kept);
    }
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> modules = Files.list(SAMPLES)) {
      List<Path> sources = new ArrayList<>();
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path src = module.resolve("src");
        if (module.getFileName().toString().equals("benchmarks") || !Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(src)) {
          files
              .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".kt"))
              .forEach(sources::add);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      return sources;
    }
  }
}
