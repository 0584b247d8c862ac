package dev.burrow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages keep to their layer, so that the KSP front end can reuse {@code model}, {@code
 * rules} and {@code write} (in processor/common): the model and the rules know neither javac nor
 * JavaPoet, the writers know javac only through JavaPoet's {@code Modifier}, and nothing but {@code
 * read} and the dispatcher reads elements.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/burrow/processor");
  private static final Path COMMON = Path.of("../common/src/main/java/dev/burrow/processor");

  private static List<String> imports(String layer, String prefix) {
    Path folder = Files.isDirectory(SOURCES.resolve(layer)) ? SOURCES : COMMON;
    try (Stream<Path> files = Files.list(folder.resolve(layer))) {
      return files
          .flatMap(file -> lines(file).map(line -> file.getFileName() + ": " + line))
          .filter(line -> line.matches(".*import (static )?" + Pattern.quote(prefix) + ".*"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theModelKnowsNeitherJavacNorJavaPoetNorKotlinPoet() {
    assertEquals(List.of(), imports("model", "javax."));
    assertEquals(List.of(), imports("model", "com.palantir"));
    assertEquals(List.of(), imports("model", "com.squareup"));
    assertEquals(List.of(), imports("model", "dev.burrow.processor.read"));
    assertEquals(List.of(), imports("model", "dev.burrow.processor.write"));
    assertEquals(List.of(), imports("model", "dev.burrow.processor.rules"));
  }

  @Test
  void theRulesKnowNeitherJavacNorCodeGeneration() {
    assertEquals(List.of(), imports("rules", "javax."));
    assertEquals(List.of(), imports("rules", "com.palantir"));
    assertEquals(List.of(), imports("rules", "com.squareup"));
    assertEquals(List.of(), imports("rules", "dev.burrow.processor.read"));
    assertEquals(List.of(), imports("rules", "dev.burrow.processor.write"));
  }

  @Test
  void theWritersKnowJavacOnlyThroughJavaPoet() {
    assertEquals(List.of(), imports("write", "javax.annotation"));
    assertEquals(List.of(), imports("write", "dev.burrow.processor.read"));
    assertEquals(List.of(), imports("write", "dev.burrow.processor.rules"));
    assertEquals(
        List.of(),
        imports("write", "javax.lang.model").stream()
            .filter(line -> !line.endsWith("import javax.lang.model.element.Modifier;"))
            .toList());
  }

  @Test
  void theReaderWritesNoCode() {
    assertEquals(List.of(), imports("read", "com.palantir"));
    assertEquals(List.of(), imports("read", "dev.burrow.processor.write"));
  }
}
