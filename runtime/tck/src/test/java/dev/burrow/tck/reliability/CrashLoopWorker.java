package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child main of {@link CrashLoopTest}: on the store at {@code args[0]} (durability FSYNC), with the
 * random seed {@code args[1]}, performs creates (IDs {@code <args[2]>-<n>}), updates,
 * compare-and-sets, event appends and deletes forever. Before each operation it prints {@code begin
 * <op> <id>}; after the operation returns, {@code ack <op> <id> <n>}, where {@code n} is the stored
 * version, or for an append the event's number. The parent kills it with SIGKILL at a random
 * moment.
 */
public final class CrashLoopWorker {
  private static final int MAX_LIVE = 12;

  private CrashLoopWorker() {}

  public static void main(String[] args) {
    Random random = new Random(Long.parseLong(args[1]));
    String idPrefix = args[2];
    try (CounterStore store = Counters.open(Path.of(args[0]), Durability.FSYNC)) {
      List<String> live = new ArrayList<>(store.list().stream().map(Counter::id).toList());
      say("ready");
      for (int created = 1; ; ) {
        int roll = random.nextInt(100);
        if (live.isEmpty() || roll < 15 && live.size() < MAX_LIVE) {
          String id = idPrefix + "-" + created++;
          say("begin create " + id);
          say("ack create " + id + " " + store.create(id).version());
          live.add(id);
        } else if (roll < 25) {
          String id = live.remove(random.nextInt(live.size()));
          say("begin delete " + id);
          store.delete(id);
          say("ack delete " + id + " 0");
        } else if (roll < 45) {
          String id = live.get(random.nextInt(live.size()));
          say("begin event " + id);
          EventLog<Tick> log = store.events(id, Tick.class);
          long n = log.read(0).values().size() + 1;
          log.append(new Tick(n));
          say("ack event " + id + " " + n);
        } else if (roll < 70) {
          String id = live.get(random.nextInt(live.size()));
          say("begin update " + id);
          say("ack update " + id + " " + store.update(id, Counter::increment).version());
        } else {
          String id = live.get(random.nextInt(live.size()));
          say("begin cas " + id);
          Counter current = store.get(id);
          Counter stored = store.compareAndSet(current.incremented());
          say("ack cas " + id + " " + stored.version());
        }
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
