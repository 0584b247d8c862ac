package dev.burrow.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

  @Test
  void defaultsAreTheDocumentedFullRun() {
    HarnessOptions options = HarnessOptions.parse();
    assertEquals(5_000, options.n());
    assertEquals(500, options.durableN());
    assertEquals(1_000, options.jsonDbN());
    assertEquals(3, options.reps());
    assertEquals(List.of(1, 2, 8), options.threads());
    assertEquals(List.of(1_000, 10_000, 100_000, 1_000_000), options.scale());
    assertTrue(options.runs("stores") && options.runs("scale"));
  }

  @Test
  void oneSectionCanRunAlone() {
    HarnessOptions options = HarnessOptions.parse("--only", "scale", "--scale", "1000,100000");
    assertEquals(List.of(1_000, 100_000), options.scale());
    assertTrue(options.runs("scale"));
    assertTrue(!options.runs("stores"));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse("--only", "x"));
    assertTrue(bad.getMessage().contains("--only needs a section, stores or scale, got 'x'"));
  }

  @Test
  void optionsOverrideTheDefaults() {
    HarnessOptions options = HarnessOptions.parse("--n", "500", "--threads", "1, 4", "--reps", "5");
    assertEquals(500, options.n());
    assertEquals(List.of(1, 4), options.threads());
    assertEquals(5, options.reps());
    assertEquals(8, options.maxThreads());
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse("--n", "0"));
    assertTrue(zero.getMessage().contains("--n needs a positive whole number, got '0'"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse("--fast", "1"));
    assertTrue(unknown.getMessage().startsWith("unknown option --fast"));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse("--out"));
    assertTrue(missing.getMessage().startsWith("missing value after --out"));
  }
}
