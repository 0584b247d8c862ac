package dev.burrow.tck.reliability;

import dev.burrow.test.internal.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Child of {@link LockedTreeRemovalTest}: makes a tree at {@code args[0]} holding a read-only and
 * an unreadable directory, each with a file, removes it the way the test kit removes a test's root,
 * and prints {@code removed}, {@code left} or what the removal threw.
 */
public final class LockedTreeRemoval {
  private LockedTreeRemoval() {}

  public static void main(String[] args) throws IOException {
    Path tree = Path.of(args[0]);
    for (String permissions : List.of("r-xr-xr-x", "---------")) {
      Path directory = Files.createDirectories(tree.resolve("reports").resolve(permissions));
      Files.writeString(directory.resolve("report.txt"), "done\n");
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
    }
    try {
      Trees.delete(tree);
      System.out.println(Files.exists(tree) ? "left" : "removed");
    } catch (IOException e) {
      System.out.println("threw " + e);
    }
  }
}
