package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged {@code burrow-cli-<version>-all.jar} as a jar, not as a command. */
class PackagedJarTest {
  /**
   * On the module path the jar is an automatic module: its name is the one its manifest states, not
   * one made up from its file name, which changes with the version and the classifier.
   */
  @Test
  void theJarNamesItsModule() {
    Path jar = Path.of(System.getProperty("burrow.cli.jar", "missing"));

    List<String> names =
        ModuleFinder.of(jar).findAll().stream()
            .map(ModuleReference::descriptor)
            .map(descriptor -> descriptor.name())
            .toList();

    assertEquals(List.of("dev.burrow.cli"), names, jar.toString());
  }
}
