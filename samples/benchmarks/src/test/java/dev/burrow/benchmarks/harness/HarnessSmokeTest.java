package dev.burrow.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness still runs end to end: a tiny run writes the report and the chart. No timing. */
class HarnessSmokeTest {
  @TempDir Path out;
  @TempDir Path work;

  @Test
  void quickRunWritesTheReportWithEverySectionAndTheCharts() throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve(Report.DOC), "# Benchmarks\n\n## IDs\n\nkept as it is\n");

    Path doc =
        Harness.run(
            HarnessOptions.parse(
                "--quick", "--out", out.toString(), "--work-dir", work.toString()));

    String text = Files.readString(doc);
    assertTrue(text.contains("## IDs\n\nkept as it is"), text);
    for (String section :
        new String[] {
          "### Goals",
          "### Durable",
          "### Non-durable",
          "### Contention",
          "### JsonDB",
          "### Lock and unlock",
          "](" + Report.CHART + ")"
        }) {
      assertTrue(text.contains(section), "missing " + section + " in\n" + text);
    }
    assertTrue(text.contains("| update (read-modify-write) | 8 |"), text);
    assertTrue(text.contains("## Cost against the number of instances"), text);
    assertTrue(text.contains("### Targets") && text.contains("| 1,000 | "), text);
    String scale = Files.readString(out.resolve(ScaleReport.CHART));
    assertTrue(scale.startsWith("<svg") && scale.contains("first page of 100"), scale);
    String svg = Files.readString(out.resolve(Report.CHART));
    assertTrue(svg.startsWith("<svg") && svg.contains("<polyline") && svg.contains("Burrow"), svg);
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(0, left.count(), "the run leaves its work directory empty");
    }
  }
}
