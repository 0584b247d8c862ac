package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.burrow.postgres.PostgresBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sources generated for a representative record, compared with the golden files in {@code
 * src/test/resources/golden}: once compiled without {@code burrow-postgres} on the class path, and
 * once with it, where only {@code XStore} differs ({@code golden/postgres}).
 *
 * <p>After an intended change to generated code, run with {@code -Dburrow.updateGolden=true}: every
 * golden file that differs is rewritten, and every comparison fails, changed or not, so that a run
 * with the property (in CI by mistake, say) never passes; review the diff, then run again without
 * the property.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final JavaFileObject ORDER = JavaFileObjects.forResource("golden/Order.java");
  private static final Compilation WITHOUT_POSTGRES =
      Compilations.compiler()
          .withClasspath(ClassPaths.without(PostgresBackend.class))
          .compile(ORDER);
  private static final Compilation WITH_POSTGRES = Compilations.compile(ORDER);

  @ParameterizedTest
  @ValueSource(strings = {"OrderSchema", "OrderChanges", "OrderDirs", "OrderStore", "OrderIndex"})
  void generatedSourceMatchesGoldenFile(String name) {
    assertThat(WITHOUT_POSTGRES).succeededWithoutWarnings();
    assertMatchesGolden(generated(WITHOUT_POSTGRES, name), GOLDEN.resolve(name + ".java"));
  }

  @Test
  void withBurrowPostgresTheStoreGetsTheDataSourceOpeners() {
    assertThat(WITH_POSTGRES).succeededWithoutWarnings();
    assertMatchesGolden(
        generated(WITH_POSTGRES, "OrderStore"), GOLDEN.resolve("postgres/OrderStore.java"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OrderSchema", "OrderChanges", "OrderDirs", "OrderIndex"})
  void withBurrowPostgresTheOtherFilesAreTheSame(String name) {
    assertEquals(generated(WITHOUT_POSTGRES, name), generated(WITH_POSTGRES, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OrderSchema", "OrderChanges", "OrderDirs", "OrderStore", "OrderIndex"})
  void withoutBurrowPostgresNothingMentionsJdbcOrPostgres(String name) {
    String source = generated(WITHOUT_POSTGRES, name);
    assertFalse(source.contains("javax.sql"), name);
    assertFalse(source.toLowerCase(Locale.ROOT).contains("postgres"), name);
  }

  private static String generated(Compilation compilation, String name) {
    try {
      return compilation
          .generatedSourceFile("test.golden." + name)
          .orElseThrow()
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertMatchesGolden(String generated, Path golden) {
    try {
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("burrow.updateGolden")) {
        boolean differs = !expected.equals(generated);
        if (differs) {
          Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        fail(
            (differs ? "rewrote " : "left unchanged ")
                + golden
                + " (-Dburrow.updateGolden=true never passes); review the diff and run again"
                + " without the property");
      }
      assertEquals(expected, generated, "generated source differs from " + golden);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
