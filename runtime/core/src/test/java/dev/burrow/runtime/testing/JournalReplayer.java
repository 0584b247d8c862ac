package dev.burrow.runtime.testing;

import dev.burrow.runtime.internal.index.IndexJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Child main: replays the abandoned index journal logs of the data root at {@code args[0]} again
 * and again, as stores opening on the root do, printing {@code replaying} once it has begun, until
 * a line arrives on its stdin (or stdin closes); then replays once more, prints {@code done} and
 * exits.
 */
public final class JournalReplayer {
  private JournalReplayer() {}

  public static void main(String[] args) throws IOException {
    IndexJournal journal = IndexJournal.acquire(Path.of(args[0])); // held until the JVM exits
    AtomicBoolean stop = new AtomicBoolean();
    Thread stopper =
        new Thread(
            () -> {
              try {
                System.in.read();
              } catch (IOException e) {
                // stdin gone: stop all the same
              }
              stop.set(true);
            });
    stopper.setDaemon(true);
    stopper.start();
    System.out.println("replaying");
    System.out.flush();
    while (!stop.get()) {
      journal.replayAbandoned(entry -> false);
    }
    journal.replayAbandoned(entry -> false);
    System.out.println("done");
    System.out.flush();
  }
}
