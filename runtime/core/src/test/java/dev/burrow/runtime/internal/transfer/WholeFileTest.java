package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read whole: in memory up to 1 MiB, else spooled to an owner-only temporary file in {@code
 * java.io.tmpdir} (here a directory of the test's own) that is gone once the content is closed.
 */
class WholeFileTest {
  @TempDir Path work;
  private Path tmp = Path.of("unset");
  private String tmpdirBefore = "";

  @BeforeEach
  void ownTmpdir() throws Exception {
    tmp = Files.createDirectory(work.resolve("tmp"));
    tmpdirBefore = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
  }

  @AfterEach
  void restoreTmpdir() {
    System.setProperty("java.io.tmpdir", tmpdirBefore);
  }

  @Test
  void aFileOverOneMebibyteIsSpooledOwnerOnlyAndTheSpoolIsDeletedOnClose() throws Exception {
    byte[] bytes = randomBytes(WholeFile.IN_MEMORY + 1);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try (FileChannel file = FileChannel.open(Files.write(work.resolve("big.bin"), bytes));
        WholeFile content = WholeFile.read(file)) {
      List<Path> spools = listTmp();
      assertEquals(1, spools.size(), spools.toString());
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(spools.get(0))));
      assertEquals(bytes.length, content.size());
      content.writeTo(written);
    }
    assertArrayEquals(bytes, written.toByteArray());
    assertEquals(List.of(), listTmp(), "the spool is deleted on close");
  }

  @Test
  void aFileOfOneMebibyteStaysInMemory() throws Exception {
    byte[] bytes = randomBytes(WholeFile.IN_MEMORY);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try (FileChannel file = FileChannel.open(Files.write(work.resolve("small.bin"), bytes));
        WholeFile content = WholeFile.read(file)) {
      assertEquals(List.of(), listTmp(), "no spool");
      content.writeTo(written);
    }
    assertArrayEquals(bytes, written.toByteArray());
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private List<Path> listTmp() throws Exception {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.toList();
    }
  }
}
