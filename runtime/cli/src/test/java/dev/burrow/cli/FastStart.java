package dev.burrow.cli;

import dev.burrow.test.internal.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM options that start each command of the tests in about half the CPU time, without changing
 * what the command does: the client compiler only (a command runs for a second or so, too short for
 * the optimizing compiler to pay off), and the classes the command loads mapped from a dynamic
 * class-data-sharing archive made once per test JVM, by a first {@code burrow fsck} on a root of
 * three jobs. Where the archive cannot be made, or the JVM cannot map it, the commands load their
 * classes as usual (the JVM says nothing about an archive it does not use).
 */
final class FastStart {
  private static final String CLIENT_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

  private static List<String> options = List.of();
  private static boolean archiveTried;

  private FastStart() {}

  /** The options for a command of the packaged jar {@code jar}, making the archive on first use. */
  static synchronized List<String> options(Path jar) {
    if (!archiveTried) {
      archiveTried = true;
      options = withArchive(jar);
    }
    return options;
  }

  private static List<String> withArchive(Path jar) {
    Path archive = jar.resolveSibling("cli-tests.jsa");
    try {
      makeArchive(jar, archive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the class-data archive " + archive, e);
    }
    return Files.isRegularFile(archive)
        ? List.of(CLIENT_COMPILER_ONLY, "-XX:SharedArchiveFile=" + archive)
        : List.of(CLIENT_COMPILER_ONLY);
  }

  private static void makeArchive(Path jar, Path archive) throws Exception {
    Files.deleteIfExists(archive);
    Path root = Files.createTempDirectory("burrow-cli-archive");
    try {
      Roots.threeJobs(root);
      Process process =
          new ProcessBuilder(
                  java(),
                  CLIENT_COMPILER_ONLY,
                  "-XX:ArchiveClassesAtExit=" + archive,
                  "-Xlog:disable",
                  "-jar",
                  jar.toString(),
                  "fsck",
                  "--json",
                  "--root",
                  root.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } finally {
      Trees.delete(root);
    }
  }

  /** The {@code java} launcher of this JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
