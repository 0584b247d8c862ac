package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.burrow.postgres.PostgresBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

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

  /**
   * In every Javadoc comment generated, the description comes before the block tags: a paragraph
   * after an {@code @throws} would read as part of that exception's description. Only a tag's own
   * indented continuation lines follow a tag. (The KSP processor writes the same Java, which its
   * golden test compares with these files.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"OrderSchema", "OrderChanges", "OrderDirs", "OrderStore", "OrderIndex"})
  void everyGeneratedJavadocHasItsDescriptionBeforeItsBlockTags(String name) {
    for (Compilation compilation : List.of(WITHOUT_POSTGRES, WITH_POSTGRES)) {
      Matcher comment = JAVADOC.matcher(generated(compilation, name));
      while (comment.find()) {
        boolean tags = false;
        for (String line : comment.group(1).split("\n")) {
          String text = line.replaceFirst("^\\s*\\* ?", "");
          tags |= text.startsWith("@");
          assertFalse(
              tags && !text.isBlank() && !text.startsWith("@") && !text.startsWith(" "),
              name + ": description after the block tags in\n" + comment.group());
        }
      }
    }
  }

  /**
   * Every write of a stored instance is refused once its versions are used up (it is at {@code
   * Long.MAX_VALUE - 1}, the highest a stored one can have), and its Javadoc says so.
   */
  @ParameterizedTest
  @ValueSource(strings = {"update", "updateOptimistic", "compareAndSet"})
  void everyWriteOfAStoredInstanceNamesTheRefusalOnceItsVersionsAreUsedUp(String method) {
    String store = generated(WITHOUT_POSTGRES, "OrderStore");
    Matcher comment =
        JAVADOC.matcher(store.substring(0, store.indexOf("public Order " + method + "(")));
    String javadoc = "";
    while (comment.find()) {
      javadoc = comment.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
    }
    assertTrue(javadoc.contains("its versions are used up"), method + ": " + javadoc);
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
