package dev.burrow.runtime.internal.shard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.PageStatProbe;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stat} family of system calls ({@code lstat}, {@code stat}, {@code newfstatat}, {@code
 * statx}) that opening a store and two pages of 20 cost, counted with strace in a child JVM ({@link
 * PageStatProbe}): the open (its sweep looks at crash leftovers only), a listing, a finder of one
 * condition and one of two conditions cost the same on 2,000 instances as on 5,000, each in a leaf
 * of its own, because {@link InstanceWalk} looks at a shard only when it enters it. Skipped where
 * strace is missing, except in CI, where it fails.
 */
class PageStatCountTest {
  private static final String CALLS = "write,lstat,stat,newfstatat,statx";

  /** The start of a traced stat call's line (a call another thread interrupts is resumed once). */
  private static final Pattern STAT = Pattern.compile("\\b(lstat|stat|newfstatat|statx)\\(");

  private static final List<String> PHASES = List.of("OPEN", "LIST", "FIND", "FIND2", "END");

  /** What the same pages may cost more on the larger root: a few calls of noise, no more. */
  private static final long SLACK = 4;

  /**
   * What the open may cost more on the larger root: the JVM's own calls vary by a few from run to
   * run (1,648 and 1,652 in one run); an open that looked at each instance would add thousands.
   */
  private static final long OPEN_SLACK = 100;

  /**
   * Far under the number of instances: the pages' own cost (about 7 calls for each of their 40
   * instances, each in a leaf of its own, and the classes loaded on the way). The open has no such
   * bound (the JVM's class loading makes most of its calls), only the one of staying the same.
   */
  private static final long MAX = 500;

  @TempDir Path dir;

  @Test
  void theOpenAndTwoPagesCostTheSameStatCallsOnAnyNumberOfInstances() throws Exception {
    Prerequisites.requireStrace("the stat count of pages");
    long[] small = statCalls(2_000);
    long[] large = statCalls(5_000);
    System.out.printf(
        "stat calls (2,000 / 5,000 instances): open %d / %d; two pages of %d: listing %d / %d,"
            + " finder %d / %d, finder of two conditions %d / %d%n",
        small[0],
        large[0],
        PageStatProbe.PAGE,
        small[1],
        large[1],
        small[2],
        large[2],
        small[3],
        large[3]);

    for (int phase = 0; phase < small.length; phase++) {
      String what = PHASES.get(phase);
      assertTrue(
          large[phase] <= small[phase] + (what.equals("OPEN") ? OPEN_SLACK : SLACK),
          what
              + ": "
              + large[phase]
              + " stat calls on 5,000 instances, "
              + small[phase]
              + " on 2,000");
      assertTrue(
          what.equals("OPEN") || large[phase] < MAX,
          what + ": " + large[phase] + " stat calls on 5,000 instances");
    }
  }

  /** The stat calls of each phase of {@link PageStatProbe} on a root of {@code instances}. */
  private long[] statCalls(int instances) throws IOException, InterruptedException {
    Path root = dir.resolve("root-" + instances);
    PageStatProbe.populate(root, instances);
    List<String> lines =
        Strace.trace(dir, "pages-" + instances, CALLS, PageStatProbe.class, root.toString());
    long[] counts = new long[PHASES.size() - 1];
    int phase = -1;
    for (String line : lines) {
      int marker = marker(line);
      if (marker >= 0) {
        phase = marker;
      } else if (phase >= 0 && phase < counts.length && STAT.matcher(line).find()) {
        counts[phase]++;
      }
    }
    assertTrue(phase == counts.length, "no OPEN ... END in the trace of " + instances);
    return counts;
  }

  private static int marker(String line) {
    for (int i = 0; i < PHASES.size(); i++) {
      if (line.contains("write(1, \"" + PHASES.get(i) + "\\n\"")) {
        return i;
      }
    }
    return -1;
  }
}
