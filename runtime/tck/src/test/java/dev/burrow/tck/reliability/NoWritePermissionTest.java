package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.runtime.testing.ModificationTimes;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root the process may not write: opening, creating and updating fail with a {@link
 * StorageException} naming the path, nothing is changed, and what may be written still works. Root
 * ignores permissions, so as root the store runs in a child JVM as {@code nobody} (via {@code
 * setpriv}, on a world-readable copy of the classpath). Skipped with a message where that is
 * impossible, or fails where every test is required ({@link Prerequisites}).
 */
class NoWritePermissionTest {
  @TempDir Path work;

  @Test
  void withoutWritePermissionEveryWriteFailsClearlyAndNothingChanges() throws Exception {
    List<String> launcher = Unprivileged.launcher("the no-write-permission check");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path readOnly = populated(work.resolve("read-only"));
    Path instancesReadOnly = populated(work.resolve("instances-read-only"));
    Path unwritableParent = Files.createDirectory(work.resolve("unwritable-parent"));
    Path unreadableDocument = populated(work.resolve("unreadable-document"));
    try (CounterStore store = Counters.open(unreadableDocument, Durability.NONE)) {
      store.create("secret");
    }
    Path unreadableShard = populated(work.resolve("unreadable-shard"));
    try (CounterStore store = Counters.open(unreadableShard, Durability.NONE)) {
      store.create("secret");
    }
    Path secretShard = Stores.instanceDirectory(unreadableShard, "secret").getParent();
    if (!launcher.isEmpty()) {
      Unprivileged.giveTo("nobody", "nogroup", instancesReadOnly);
      Unprivileged.giveTo("nobody", "nogroup", unreadableDocument);
      Unprivileged.giveTo("nobody", "nogroup", unreadableShard);
      Unprivileged.giveTo("root", "root", secretShard);
      Unprivileged.giveTo(
          "root",
          "root",
          Stores.instanceDirectory(unreadableDocument, "secret").resolve("instance.json"));
      Unprivileged.chmodTree(readOnly, "rwxr-xr-x", "rw-r--r--");
    } else {
      Unprivileged.chmodTree(readOnly, "r-x------", "r--------");
    }
    Files.setPosixFilePermissions(
        instancesReadOnly.resolve("instances"), PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(unwritableParent, PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(
        Stores.instanceDirectory(unreadableDocument, "secret").resolve("instance.json"),
        PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(secretShard, PosixFilePermissions.fromString("---------"));
    Map<Path, FileTime> before = ModificationTimes.of(readOnly);

    List<String> results =
        Unprivileged.run(
                launcher,
                work,
                NoWritePermission.class,
                readOnly + ":open",
                instancesReadOnly + ":list",
                instancesReadOnly + ":update",
                instancesReadOnly + ":create",
                unwritableParent.resolve("data") + ":open",
                unreadableDocument + ":list",
                unreadableDocument + ":get-secret",
                unreadableShard + ":list")
            .lines();

    String storage = "threw " + StorageException.class.getName() + " ";
    assertEquals(8, results.size(), results.toString());
    assertEquals(storage + "data root " + readOnly + " is not writable", results.get(0));
    assertEquals("ok 1", results.get(1));
    assertEquals("ok 2", results.get(2));
    assertTrue(
        results
                .get(3)
                .startsWith(
                    storage
                        + "create of instance 'new' at "
                        + Stores.instanceDirectory(instancesReadOnly, "new")
                        + " failed")
            && results.get(3).contains(": permission denied"),
        results.get(3));
    assertTrue(
        results
            .get(4)
            .startsWith(storage + "cannot create directory " + unwritableParent.resolve("data")),
        results.get(4));

    assertEquals("ok 1", results.get(5), "an unreadable document is reported, list goes on");
    assertTrue(
        results
            .get(6)
            .startsWith(
                "threw "
                    + CorruptInstanceException.class.getName()
                    + " "
                    + Stores.instanceDirectory(unreadableDocument, "secret")
                        .resolve("instance.json")
                    + ": it cannot be read: permission denied"),
        results.get(6));

    assertEquals(
        "ok 1",
        results.get(7),
        "a shard that cannot be listed is reported, the listing goes on (it failed whole before)");

    assertEquals(before, ModificationTimes.of(readOnly), "nothing changed in the read-only root");
    Leftovers.assertNone(instancesReadOnly, "after the failed create");
    assertFalse(Files.exists(Stores.instanceDirectory(instancesReadOnly, "new")));
    assertFalse(Files.exists(unwritableParent.resolve("data")));
  }

  private static Path populated(Path root) {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("kept");
    }
    return root;
  }
}
