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
    DocFile.write(doc, DocFile.Block.STORES, "block one\n");
    assertEquals(
        "# Benchmarks\n\n"
            + DocFile.Block.STORES.begin
            + "\nblock one\n"
            + DocFile.Block.STORES.end
            + "\n",
        Files.readString(doc));
  }

  @Test
  void replacesOnlyItsOwnBlockAndKeepsTheSectionsAroundIt() throws IOException {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\n## IDs\n\nby hand\n");
    DocFile.write(doc, DocFile.Block.STORES, "first");
    Files.writeString(doc, Files.readString(doc) + "\n## Later\n\nalso by hand\n");
    DocFile.write(doc, DocFile.Block.STORES, "second");
    assertEquals(
        "# Benchmarks\n\n## IDs\n\nby hand\n\n"
            + DocFile.Block.STORES.begin
            + "\nsecond\n"
            + DocFile.Block.STORES.end
            + "\n\n## Later\n\nalso by hand\n",
        Files.readString(doc));
  }

  @Test
  void eachBlockKeepsTheOther() throws IOException {
    Path doc = dir.resolve("benchmarks.md");
    DocFile.write(doc, DocFile.Block.STORES, "stores");
    DocFile.write(doc, DocFile.Block.SCALE, "scale one");
    DocFile.write(doc, DocFile.Block.SCALE, "scale two");
    assertEquals(
        "# Benchmarks\n\n"
            + DocFile.Block.STORES.begin
            + "\nstores\n"
            + DocFile.Block.STORES.end
            + "\n\n"
            + DocFile.Block.SCALE.begin
            + "\nscale two\n"
            + DocFile.Block.SCALE.end
            + "\n",
        Files.readString(doc));
  }
}
