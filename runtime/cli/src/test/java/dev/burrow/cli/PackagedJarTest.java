package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code burrow-cli-<version>-all.jar} and {@code burrow-cli-<version>.jar} (without
 * its dependencies) as jars, not as a command.
 */
class PackagedJarTest {
  /**
   * On the module path the jar is an automatic module: its name is the one its manifest states, not
   * one made up from its file name, which changes with the version and the classifier.
   */
  @Test
  void theJarNamesItsModule() {
    assertNamesTheModule(Path.of(System.getProperty("burrow.cli.jar", "missing")));
  }

  /**
   * The jar without dependencies names the same module as the -all jar, since a user requires it by
   * one name whichever of the two is on the module path; it had no name, and so was named {@code
   * burrow.cli} after its file.
   */
  @Test
  void theThinJarNamesTheSameModule() {
    assertNamesTheModule(Path.of(System.getProperty("burrow.cli.thinJar", "missing")));
  }

  private static void assertNamesTheModule(Path jar) {
    List<String> names =
        ModuleFinder.of(jar).findAll().stream()
            .map(ModuleReference::descriptor)
            .map(descriptor -> descriptor.name())
            .toList();

    assertEquals(List.of("dev.burrow.cli"), names, jar.toString());
  }
}
