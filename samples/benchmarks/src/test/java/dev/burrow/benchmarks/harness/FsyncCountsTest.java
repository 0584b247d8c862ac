package dev.burrow.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FsyncCountsTest {

  @Test
  void sumsTheCallsOfEveryFlushInAnStraceSummary() {
    List<String> summary =
        List.of(
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 80.00    0.004000          20       200           fsync",
            " 19.00    0.000950          19        50         2 fdatasync",
            "  1.00    0.000050          50         1           sync_file_range",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.005000          19       251         2 total");
    assertEquals(251, FsyncCounts.parse(summary));
  }

  @Test
  void anEmptySummaryCountsNothing() {
    assertEquals(
        0,
        FsyncCounts.parse(
            List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000000           0         0           total")));
  }
}
