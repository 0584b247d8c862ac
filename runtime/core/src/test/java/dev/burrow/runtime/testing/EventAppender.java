package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child main: appends {@code args[2]} {@link Step} events to the event log of counter {@code
 * args[1]} in the store at {@code args[0]}. Prints {@code ready} and waits for a line on stdin;
 * with {@code args[3] = "ack"} it prints {@code ack <seq>} after each append returns. Prints {@code
 * done} at the end.
 */
public final class EventAppender {
  private EventAppender() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[2]);
    boolean ack = args.length > 3 && args[3].equals("ack");
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      EventLog<Step> log = store.events(args[1], Step.class);
      System.out.println("ready");
      System.out.flush();
      System.in.read();
      for (int i = 0; i < count; i++) {
        log.append(Step.of(i));
        if (ack) {
          System.out.println("ack " + i);
          System.out.flush();
        }
      }
    }
    System.out.println("done");
  }
}
