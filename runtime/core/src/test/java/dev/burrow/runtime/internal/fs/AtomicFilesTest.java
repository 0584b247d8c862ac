package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InterruptedOperationException;
import dev.burrow.StorageException;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFilesTest {
  @TempDir Path root;
  private Path dir;
  private TempFiles temps;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectories(root.resolve("files"));
    temps = TempFiles.forRoot(root);
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void createsThenReplacesWholeContent(Durability durability) throws IOException {
    Path target = dir.resolve("doc.json");
    AtomicFiles.write(target, bytes("first, and longer than the second"), durability, temps);
    AtomicFiles.write(target, bytes("second"), durability, temps);

    assertEquals("second", Files.readString(target));
    assertEquals(List.of(target), listing());
    assertEquals(List.of(), leftInTheTemporaryArea());
  }

  @Test
  void createsFilesOwnerOnly() throws IOException {
    Prerequisites.require(
        OwnerOnly.isPosix(), "no POSIX permissions: owner-only modes were not checked", "POSIX");
    Path target = dir.resolve("doc.json");
    AtomicFiles.write(target, bytes("x"), Durability.FSYNC, temps);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void failedRenameKeepsOldContentAndRemovesTemp() throws IOException {
    Path target = dir.resolve("occupied");
    Files.createDirectories(target.resolve("child"));

    StorageException e =
        assertThrows(
            StorageException.class,
            () -> AtomicFiles.write(target, bytes("new"), Durability.FSYNC, temps));

    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    assertTrue(Files.isDirectory(target.resolve("child")));
    assertEquals(List.of(target), listing());
    assertEquals(List.of(), leftInTheTemporaryArea());
  }

  @Test
  void anInterruptedWriteSaysSoKeepsTheOldContentAndRemovesItsTemp() throws Exception {
    Path target = dir.resolve("doc.json");
    AtomicFiles.write(target, bytes("old"), Durability.FSYNC, temps);
    AtomicReference<Throwable> thrown = new AtomicReference<>();

    Thread writer =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              try {
                AtomicFiles.write(target, new byte[1 << 20], Durability.FSYNC, temps);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    writer.start();
    writer.join();

    assertTrue(thrown.get() instanceof InterruptedOperationException, String.valueOf(thrown.get()));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), listing());
    assertEquals(List.of(), leftInTheTemporaryArea());
  }

  @Test
  void readersSeeOldOrNewNeverAMix() throws Exception {
    Path target = dir.resolve("doc.json");
    byte[] a = filled('a', 256 * 1024);
    byte[] b = filled('b', 128 * 1024);
    AtomicFiles.write(target, a, Durability.NONE, temps);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> torn = new AtomicReference<>();
    CountDownLatch readerRunning = new CountDownLatch(1);

    Thread reader =
        new Thread(
            () -> {
              readerRunning.countDown();
              while (!done.get() && torn.get() == null) {
                try {
                  byte[] seen = Files.readAllBytes(target);
                  if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                    torn.set("read " + seen.length + " bytes that are neither version");
                  }
                } catch (IOException e) {
                  torn.set("read failed: " + e);
                }
              }
            });
    reader.start();
    readerRunning.await();
    for (int i = 0; i < 300; i++) {
      AtomicFiles.write(target, i % 2 == 0 ? b : a, Durability.NONE, temps);
    }
    done.set(true);
    reader.join();

    assertEquals(null, torn.get());
    assertArrayEquals(a, Files.readAllBytes(target));
  }

  @Test
  void aTargetOnAnotherFileSystemIsWrittenThroughATemporaryFileBesideIt() throws IOException {
    Path shm = Path.of("/dev/shm");
    Prerequisites.require(
        Files.isDirectory(shm)
            && Files.isWritable(shm)
            && !Files.getFileStore(shm).equals(Files.getFileStore(root)),
        "needs a writable /dev/shm on another file system than the temporary directory",
        "mount a tmpfs at /dev/shm");
    Path other = Files.createTempDirectory(shm, "burrow-atomic-");
    try {
      Path target = other.resolve("doc.json");
      AtomicFiles.write(target, bytes("first"), Durability.FSYNC, temps);
      AtomicFiles.write(target, bytes("second"), Durability.NONE, temps);

      assertEquals("second", Files.readString(target));
      try (Stream<Path> files = Files.list(other)) {
        assertEquals(List.of(target), files.toList());
      }
      assertEquals(List.of(), leftInTheTemporaryArea());
    } finally {
      Trees.delete(other);
    }
  }

  @Test
  void onlyBurrowsOwnTemporaryNamesAreRecognised() {
    assertTrue(AtomicFiles.isTempName(".~burrow-1f2e3d.tmp"));
    assertFalse(AtomicFiles.isTempName(".instance.json.1f2e3d.tmp"));
    assertFalse(AtomicFiles.isTempName(".notes.tmp"));
    assertFalse(AtomicFiles.isTempName("instance.json"));
  }

  /** Files in the sessions of the temporary area (leases aside). */
  private List<Path> leftInTheTemporaryArea() throws IOException {
    try (Stream<Path> all = Files.walk(temps.area())) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".lease"))
          .toList();
    }
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] filled(char c, int size) {
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) c);
    return out;
  }
}
