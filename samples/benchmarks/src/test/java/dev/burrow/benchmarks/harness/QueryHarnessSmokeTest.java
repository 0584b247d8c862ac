package dev.burrow.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query harness still runs end to end: a tiny run writes its block. No timing. */
class QueryHarnessSmokeTest {
  @TempDir Path out;
  @TempDir Path work;

  @Test
  void quickRunWritesTheQueryBlockBesideTheOthers() throws IOException {
    Files.writeString(out.resolve(Report.DOC), "# Benchmarks\n\n## IDs\n\nkept as it is\n");

    Path doc =
        QueryHarness.run(
            QueryOptions.parse("--quick", "--out", out.toString(), "--work-dir", work.toString()));

    String text = Files.readString(doc);
    assertTrue(text.contains("## IDs\n\nkept as it is"), text);
    assertTrue(
        text.contains(DocFile.Block.QUERIES.begin) && text.contains(DocFile.Block.QUERIES.end));
    assertTrue(text.contains("### Finding the 10 matching instances, newest first"), text);
    assertTrue(text.contains("| 300 | "), text);
    assertTrue(text.contains("| 600 | "), text);
    assertTrue(text.contains("### What an index costs a durable update"), text);
    assertTrue(text.contains("| 2 indexes, both indexed values change | "), text);
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(0, left.count(), "the run leaves its work directory empty");
    }
  }
}
