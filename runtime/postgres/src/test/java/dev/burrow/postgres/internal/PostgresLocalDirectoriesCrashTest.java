package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.crash.CrashStates;
import dev.burrow.test.internal.crash.CrashWalk;
import dev.burrow.test.internal.crash.Recording;
import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * This host's instance directories of a PostgreSQL store under {@link Durability#FSYNC}, through
 * every state a power cut could leave (the crash tester's recording file system): a directory
 * handed out stays, with its subdirectories, and a directory removed by a delete does not come
 * back, as on the filesystem backend. Before the fix nothing was flushed, and both were lost.
 */
@ExtendWith(PostgresExtension.class)
class PostgresLocalDirectoriesCrashTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  @TempDir Path work;

  @Test
  void underFsyncAHandedOutDirectoryStaysAndARemovedOneNeverComesBack(LocalPostgres server)
      throws IOException {
    Recording recording = Recording.in(work);
    StoreOptions fsync = StoreOptions.defaults().withDurability(Durability.FSYNC);
    try (CounterStore store =
        PgStores.counters(
            server.sharedPool(), PgStores.freshPrefix(), recording.dataRoot(), LEASE, fsync)) {
      store.create("kept");
      store.create("gone");
      recording.begin(0);
      store.dirs("kept");
      store.dirs("gone");
      recording.end(0);
      recording.begin(1);
      store.delete("gone");
      recording.end(1);
    }
    List<FsOp> ops = recording.ops();
    List<String> violations = new ArrayList<>();
    CrashWalk.Summary summary =
        CrashWalk.walk(
            recording.states(10, 2),
            ops,
            0,
            (position, state) -> {
              Path instances = materialize(recording, state).resolve("instances");
              for (String subdirectory : CounterSchema.INSTANCE.layout().subdirectories()) {
                if (!Files.isDirectory(instances.resolve("kept").resolve(subdirectory))) {
                  violations.add(state.description() + ": kept/" + subdirectory + " lost");
                }
              }
              boolean deleteAcknowledged = position.acknowledged() >= 1;
              if (deleteAcknowledged
                  && Files.exists(instances.resolve("gone"), LinkOption.NOFOLLOW_LINKS)) {
                violations.add(state.description() + ": the deleted directory came back");
              }
            });

    System.out.printf(
        "local directories crash states: %d file-system operations, %d states, bound reached at"
            + " %d points, %d violations%n",
        ops.size(), summary.statesEnumerated(), summary.boundedPoints(), violations.size());
    assertTrue(summary.statesEnumerated() > 0, "states enumerated: " + summary);
    assertEquals(0, summary.boundedPoints(), "the enumeration was complete");
    assertEquals(
        List.of(),
        violations.subList(0, Math.min(3, violations.size())),
        violations.size() + " violations");
  }

  private static Path materialize(Recording recording, CrashStates.CrashState state) {
    try {
      return recording.materialize(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
