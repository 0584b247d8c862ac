package dev.burrow.tck.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.burrow.Backend;
import dev.burrow.cli.Burrow;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.test.TempStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No package of a Burrow module depends, directly or through other packages, on a package that
 * depends on it: public packages use internal ones, never the other way round, so each package can
 * be read, tested and changed from the bottom up. Checked on each module's compiled classes (its
 * jar, or its classes directory in a build that stops before packaging); a failure names the
 * packages of each cycle and the class dependencies that close it.
 *
 * <p>In the api module the SPI ({@code dev.burrow.spi}) uses the user package ({@code dev.burrow}),
 * never the other way round: what a user imports names no SPI type.
 */
class PackageCyclesTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        Backend.class,
        StoreEngine.class,
        PostgresBackend.class,
        TempStore.class,
        Burrow.class
      })
  void noPackageCycleInTheModuleOf(Class<?> member) throws IOException, URISyntaxException {
    JavaClasses classes = compiledClassesOfTheModuleOf(member);
    assertTrue(
        classes.contain(member),
        "the classes read for " + member + " do not contain it: " + classes);
    slices().matching("dev.(**)").namingSlices("dev.$1").should().beFreeOfCycles().check(classes);
  }

  private static JavaClasses compiledClassesOfTheModuleOf(Class<?> member)
      throws IOException, URISyntaxException {
    Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    ClassFileImporter importer =
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    if (Files.isDirectory(location)) {
      return importer.importPath(location);
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      return importer.importJar(jar);
    }
  }
}
