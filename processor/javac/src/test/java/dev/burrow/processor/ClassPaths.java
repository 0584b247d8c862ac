package dev.burrow.processor;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

/** Class paths for compilations that must not see some of this module's test dependencies. */
final class ClassPaths {
  private ClassPaths() {}

  /** The jar or directory {@code type} was loaded from. */
  static File locationOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This test run's class path without the jars or directories {@code types} come from. */
  static List<File> without(Class<?>... types) {
    List<File> excluded = Arrays.stream(types).map(ClassPaths::locationOf).toList();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(File::new)
        .filter(entry -> !excluded.contains(entry.getAbsoluteFile()))
        .toList();
  }
}
