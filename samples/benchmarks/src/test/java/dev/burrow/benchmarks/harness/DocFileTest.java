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
    DocFile.HARNESS.write(doc, "block one\n");
    assertEquals(
        "# Benchmarks\n\n"
            + DocFile.HARNESS.begin()
            + "\nblock one\n"
            + DocFile.HARNESS.end()
            + "\n",
        Files.readString(doc));
  }

  @Test
  void eachGeneratorReplacesOnlyItsOwnBlock() throws IOException {
    Path doc = dir.resolve("benchmarks.md");
    DocFile.HARNESS.write(doc, "stores");
    DocFile.QUERIES.write(doc, "queries one");
    DocFile.QUERIES.write(doc, "queries two");
    DocFile.HARNESS.write(doc, "stores again");
    assertEquals(
        "# Benchmarks\n\n"
            + DocFile.HARNESS.begin()
            + "\nstores again\n"
            + DocFile.HARNESS.end()
            + "\n\n"
            + DocFile.QUERIES.begin()
            + "\nqueries two\n"
            + DocFile.QUERIES.end()
            + "\n",
        Files.readString(doc));
  }

  @Test
  void replacesOnlyItsOwnBlockAndKeepsTheSectionsAroundIt() throws IOException {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\n## IDs\n\nby hand\n");
    DocFile.HARNESS.write(doc, "first");
    Files.writeString(doc, Files.readString(doc) + "\n## Later\n\nalso by hand\n");
    DocFile.HARNESS.write(doc, "second");
    assertEquals(
        "# Benchmarks\n\n## IDs\n\nby hand\n\n"
            + DocFile.HARNESS.begin()
            + "\nsecond\n"
            + DocFile.HARNESS.end()
            + "\n\n## Later\n\nalso by hand\n",
        Files.readString(doc));
  }
}
