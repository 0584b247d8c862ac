package dev.burrow.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocFileTest {
  @TempDir Path dir;

  @Test
  void createsTheDocWithATitleWhenThereIsNone() throws IOException {
    Path doc = dir.resolve("docs/benchmarks.md");
    DocFile.write(doc, "block one\n");
    assertEquals(
        "# Benchmarks\n\n" + DocFile.BEGIN + "\nblock one\n" + DocFile.END + "\n",
        Files.readString(doc));
  }

  @Test
  void replacesOnlyItsOwnBlockAndKeepsTheSectionsAroundIt() throws IOException {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\n## IDs\n\nby hand\n");
    DocFile.write(doc, "first");
    Files.writeString(doc, Files.readString(doc) + "\n## Later\n\nalso by hand\n");
    DocFile.write(doc, "second");
    assertEquals(
        "# Benchmarks\n\n## IDs\n\nby hand\n\n"
            + DocFile.BEGIN
            + "\nsecond\n"
            + DocFile.END
            + "\n\n## Later\n\nalso by hand\n",
        Files.readString(doc));
  }
}
