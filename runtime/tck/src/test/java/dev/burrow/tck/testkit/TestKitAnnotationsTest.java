package dev.burrow.tck.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.processor.InstanceProcessor;
import dev.burrow.test.TempStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every annotation of the test kit is claimed by the processor, which names them because the test
 * kit is not on the processor path: a user's test compiled with {@code -Xlint:all -Werror} is never
 * told that no processor claimed one.
 */
class TestKitAnnotationsTest {
  @Test
  void theProcessorClaimsEveryAnnotationOfTheTestKit() throws Exception {
    List<String> annotations = testKitAnnotations();
    assertTrue(annotations.contains(TempStore.class.getCanonicalName()), annotations.toString());

    Set<String> claimed = new InstanceProcessor().getSupportedAnnotationTypes();
    List<String> unclaimed = annotations.stream().filter(a -> !claimed.contains(a)).toList();
    assertTrue(unclaimed.isEmpty(), "not claimed by the processor: " + unclaimed);
  }

  /** The annotation types directly in the package {@code dev.burrow.test} of burrow-test. */
  private static List<String> testKitAnnotations()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path location =
        Path.of(TempStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> annotations = new ArrayList<>();
    if (Files.isDirectory(location)) {
      collect(location, annotations);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
        collect(jar.getPath("/"), annotations);
      }
    }
    return annotations;
  }

  private static void collect(Path classes, List<String> annotations)
      throws IOException, ClassNotFoundException {
    try (Stream<Path> files = Files.list(classes.resolve("dev/burrow/test"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
          Class<?> type = Class.forName("dev.burrow.test." + name.replace(".class", ""));
          if (type.isAnnotation()) {
            annotations.add(type.getCanonicalName());
          }
        }
      }
    }
  }
}
