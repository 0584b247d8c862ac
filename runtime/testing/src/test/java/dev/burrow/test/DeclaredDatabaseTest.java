package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class in a named module declares its database in a package it does not open to the kit:
 * the kit cannot read the member, and says what to add, as it does for a {@code @TempStore} field.
 * The test class is compiled into a module of its own and loaded in a module layer; the kit, on the
 * class path here, is a module that package is not opened to, as {@code dev.burrow.test} is on the
 * module path.
 */
class DeclaredDatabaseTest {
  @TempDir Path work;

  @Test
  void aDeclarationInAPackageNotOpenedToTheKitIsRefusedWithAdvice() throws Exception {
    Class<?> declares = inNamedModule();

    ExtensionConfigurationException error =
        assertThrows(
            ExtensionConfigurationException.class,
            () -> DeclaredDatabase.of(declares, "parameter store"));

    assertTrue(
        error.getMessage().startsWith("@TestDatabase private static javax.sql.DataSource"),
        error.getMessage());
    assertTrue(
        error
            .getMessage()
            .endsWith("(a test in a named module must open its package to dev.burrow.test)"),
        error.getMessage());
  }

  /**
   * {@code probe.Declares}, whose private static field is the {@link TestDatabase}, in a module
   * {@code probe} that opens nothing.
   */
  private Class<?> inNamedModule() throws IOException, ClassNotFoundException {
    Path sources = Files.createDirectories(work.resolve("src/probe"));
    Files.writeString(
        sources.resolveSibling("module-info.java"), "module probe { requires java.sql; }");
    Files.writeString(
        sources.resolve("Declares.java"),
        """
        package probe;

        public class Declares {
          @dev.burrow.test.TestDatabase private static javax.sql.DataSource database;
        }
        """);
    Path classes = work.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            List.of(
                    "-d",
                    classes.toString(),
                    "--add-reads",
                    "probe=ALL-UNNAMED",
                    "-classpath",
                    System.getProperty("java.class.path"),
                    sources.resolveSibling("module-info.java").toString(),
                    sources.resolve("Declares.java").toString())
                .toArray(String[]::new));
    assertEquals(0, status, "the probe module compiles");
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of("probe"));
    ModuleLayer layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, DeclaredDatabaseTest.class.getClassLoader());
    return layer.findLoader("probe").loadClass("probe.Declares");
  }
}
