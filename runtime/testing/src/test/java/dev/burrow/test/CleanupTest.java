package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cleanup runs every step, even after one failed, whatever the step threw. */
class CleanupTest {
  /**
   * An {@link Error} from a store's {@code close()} (an assertion in it, a linkage error) still
   * lets the steps added before it remove the root and drop the namespace, and is thrown itself.
   */
  @Test
  void anErrorFromOneStepStillRunsTheOthers() {
    List<String> ran = new ArrayList<>();
    IOException rootFailure = new IOException("root not removed");
    AssertionError storeFailure = new AssertionError("store close failed");
    Cleanup cleanup = new Cleanup("the @TempStore of a test");
    cleanup.add(() -> ran.add("drop namespace"));
    cleanup.add(
        () -> {
          ran.add("remove root");
          throw rootFailure;
        });
    cleanup.add(
        () -> {
          throw storeFailure;
        });

    AssertionError thrown = assertThrows(AssertionError.class, cleanup::close);

    assertSame(storeFailure, thrown);
    assertEquals(List.of("remove root", "drop namespace"), ran);
    assertArrayEquals(new Throwable[] {rootFailure}, thrown.getSuppressed());
  }
}
