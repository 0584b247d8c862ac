package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sources generated for a representative record, compared with the golden files in
 * {@code src/test/resources/golden}. After an intended change to generated code, run with
 * {@code -Dburrow.updateGolden=true} to rewrite them, and review the diff.
 */
class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Compilation ORDER = Compilations.compile(JavaFileObjects.forResource("golden/Order.java"));

  @ParameterizedTest
  @ValueSource(strings = {"OrderSchema", "OrderChanges", "OrderDirs", "OrderStore"})
  void generatedSourceMatchesGoldenFile(String name) throws IOException {
    assertThat(ORDER).succeededWithoutWarnings();
    String generated =
        ORDER.generatedSourceFile("test.golden." + name).orElseThrow().getCharContent(true).toString();
    Path golden = GOLDEN.resolve(name + ".java");
    if (Boolean.getBoolean("burrow.updateGolden")) {
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated, name + " differs from " + golden);
  }
}
