package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every document file Burrow writes carries a modification time later than the one it replaces. */
class ModificationStampsTest {
  @TempDir Path root;

  @Test
  void stampsRiseEvenWhenThePreviousOneIsAheadOfTheClock() {
    FileTime ahead = FileTime.from(Instant.now().plusSeconds(3_600));
    FileTime first = ModificationStamps.next(ahead);
    FileTime second = ModificationStamps.next(null);
    FileTime third = ModificationStamps.next(first);

    assertTrue(first.compareTo(ahead) > 0, first + " after " + ahead);
    assertTrue(second.compareTo(first) > 0, second + " after " + first);
    assertTrue(third.compareTo(second) > 0, third + " after " + second);
  }

  @Test
  void anAtomicWriteLeavesItsStampOnTheTarget() throws Exception {
    Path target = root.resolve("document.json");
    FileTime stamp = FileTime.from(1_800_000_000_123_456_789L, TimeUnit.NANOSECONDS);

    AtomicFiles.write(
        target,
        "{}".getBytes(StandardCharsets.UTF_8),
        Durability.FSYNC,
        TempFiles.forRoot(root),
        stamp);

    assertEquals(stamp, Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS));
    assertEquals("{}", Files.readString(target));
  }

  @Test
  void thisFileSystemKeepsStampsToTheNanosecondAndNothingMissingDoes() {
    assertTrue(ModificationStamps.keptExactly(root));
    assertFalse(ModificationStamps.keptExactly(root.resolve("missing")));
    assertTrue(Files.notExists(root.resolve("missing")), "the probe creates nothing");
  }
}
