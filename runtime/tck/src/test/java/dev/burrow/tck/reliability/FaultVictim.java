package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child main of {@link FaultInjectionTest}, run under {@code fiu-run -x -f <args[1]>}: a store
 * (FSYNC) at {@code args[0]} whose operations the parent makes fail. Commands on stdin:
 *
 * <ul>
 *   <li>{@code prepare <op>}: chooses (and for {@code delete} creates) the instance the next fault
 *       hits; prints {@code subject <id>}; {@code op} is {@code create}, {@code update}, {@code
 *       cas}, {@code delete} or {@code event} (an append to the instance's event log);
 *   <li>{@code fault <point> <errno>}: enables the libfiu point to fail once with that errno, runs
 *       the operation, disables the point; prints {@code ok} or {@code threw <exception class>
 *       <message>};
 *   <li>{@code retry}: runs the same operation again without a fault; prints as above.
 * </ul>
 *
 * <p>The point is switched through libfiu's control FIFOs with a gathering write ({@code writev}),
 * which the {@code write} point cannot break; nothing else is written while a point is armed. Every
 * operation runs once before {@code ready}, so that no class is loaded (an {@code open}) while a
 * fault waits for the operation.
 */
public final class FaultVictim {
  private FaultVictim() {}

  public static void main(String[] args) throws IOException {
    long pid = ProcessHandle.current().pid();
    try (CounterStore store = Counters.open(Path.of(args[0]), Durability.FSYNC);
        FileChannel commands =
            FileChannel.open(Path.of(args[1] + "-" + pid + ".in"), StandardOpenOption.WRITE);
        FileChannel replies =
            FileChannel.open(Path.of(args[1] + "-" + pid + ".out"), StandardOpenOption.READ)) {
      BufferedReader stdin =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String op = "update";
      String id = "victim";
      Tick tick = new Tick(1);
      for (String warmUp : new String[] {"create", "update", "cas", "event", "delete"}) {
        run(store, warmUp, "victim", tick);
      }
      store.create("victim");
      control(commands, replies, "disable name=posix/io/oc/open");
      System.out.println("ready");
      int serial = 0;
      for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
        String[] words = line.split(" ");
        switch (words[0]) {
          case "prepare" -> {
            op = words[1];
            id =
                switch (op) {
                  case "create" -> "new-" + ++serial;
                  case "delete" -> store.create("doomed-" + ++serial).id();
                  default -> "victim";
                };
            if (op.equals("event")) {
              tick = new Tick(store.events(id, Tick.class).read(0).values().size() + 1);
            }
            System.out.println("subject " + id);
          }
          case "fault" -> {
            control(
                commands,
                replies,
                "enable name=" + words[1] + ",failnum=1,failinfo=" + words[2] + ",onetime");
            String outcome = attempt(store, op, id, tick);
            control(commands, replies, "disable name=" + words[1]);
            System.out.println(outcome);
          }
          case "retry" -> System.out.println(attempt(store, op, id, tick));
          default -> throw new IllegalArgumentException(line);
        }
        System.out.flush();
      }
    }
  }

  private static String attempt(CounterStore store, String op, String id, Tick tick) {
    try {
      run(store, op, id, tick);
      return "ok";
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getName() + " " + e.getMessage().replace('\n', ' ');
    }
  }

  private static void run(CounterStore store, String op, String id, Tick tick) {
    switch (op) {
      case "event" -> store.events(id, Tick.class).append(tick);
      case "create" -> store.create(id);
      case "update" -> store.update(id, Counter::increment);
      case "cas" -> {
        Counter current = store.get(id);
        store.compareAndSet(current.incremented());
      }
      case "delete" -> store.delete(id);
      default -> throw new IllegalArgumentException(op);
    }
  }

  private static void control(FileChannel commands, FileChannel replies, String command)
      throws IOException {
    ByteBuffer[] line = {ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII))};
    while (line[0].hasRemaining()) {
      commands.write(line);
    }
    ByteBuffer reply = ByteBuffer.allocate(1);
    StringBuilder text = new StringBuilder();
    while (replies.read(reply.clear()) == 1 && reply.get(0) != '\n') {
      text.append((char) reply.get(0));
    }
    if (command.startsWith("enable") && !text.toString().equals("0")) {
      throw new IllegalStateException("libfiu refused '" + command + "': " + text);
    }
  }
}
