package dev.burrow.tck.reliability;

import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.test.internal.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Child JVMs without root's power over permissions, for the tests of what a process may not write:
 * root ignores permissions, so as root the child runs as {@code nobody} (via {@code setpriv}, on a
 * world-readable copy of the classpath). Requires setpriv where that is needed ({@link
 * Prerequisites}: skipped with a message, or failed where every test is required).
 */
final class Unprivileged {
  private Unprivileged() {}

  /** What an unprivileged child printed on stdout and stderr. */
  record Output(List<String> lines, String stderr) {}

  /**
   * The command prefix that runs a child without root's power over permissions: empty unless this
   * process is root. Requires POSIX permissions, which the checks it serves are about.
   *
   * @param check the check that needs it, for the message where setpriv is missing
   */
  static List<String> launcher(String check) {
    Prerequisites.require(
        OwnerOnly.isPosix(), "no POSIX permissions: " + check + " did not run", "POSIX");
    if (!System.getProperty("user.name").equals("root")) {
      return List.of();
    }
    Prerequisites.require(
        Prerequisites.onPath("setpriv"),
        "running as root without setpriv: " + check + " did not run",
        "install util-linux");
    return List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
  }

  /**
   * Runs {@code main} with {@code args} through {@code launcher} and waits for it to exit with 0;
   * the classpath is copied into {@code work} where {@code nobody} may read it, if it runs as
   * {@code nobody}.
   */
  static Output run(List<String> launcher, Path work, Class<?> main, String... args)
      throws IOException {
    String classPath =
        launcher.isEmpty() ? System.getProperty("java.class.path") : worldReadableClassPath(work);
    try (ChildJvm child = ChildJvm.start(launcher, classPath, main, args)) {
      List<String> lines = child.remainingLines();
      child.awaitSuccess();
      return new Output(lines, child.stderrText());
    }
  }

  /** Copies the classpath into a new directory of {@code work} where {@code nobody} can read it. */
  private static String worldReadableClassPath(Path work) throws IOException {
    Path copy = Files.createTempDirectory(work, "classpath");
    List<String> entries = new ArrayList<>();
    String[] original = System.getProperty("java.class.path").split(File.pathSeparator);
    for (int i = 0; i < original.length; i++) {
      Path source = Path.of(original[i]);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = copy.resolve(i + (Files.isDirectory(source) ? "" : ".jar"));
      try (Stream<Path> all = Files.walk(source)) {
        for (Path p : all.toList()) {
          Files.copy(p, target.resolve(source.relativize(p).toString()));
        }
      }
      entries.add(target.toString());
    }
    chmodTree(copy, "rwxr-xr-x", "rw-r--r--");
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Sets the permissions of every directory ({@code directories}) and file ({@code files}) of the
   * tree at {@code root}; links are skipped, never followed.
   */
  static void chmodTree(Path root, String directories, String files) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      // Children first: a directory made unsearchable first would hide them from a non-root user.
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? directories : files));
      }
    }
  }

  /** Gives every entry of the tree at {@code root} to {@code user} and {@code group}; links too. */
  static void giveTo(String user, String group, Path root) throws IOException {
    UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
    GroupPrincipal groupPrincipal = lookup.lookupPrincipalByGroupName(group);
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(lookup.lookupPrincipalByName(user));
        view.setGroup(groupPrincipal);
      }
    }
  }
}
