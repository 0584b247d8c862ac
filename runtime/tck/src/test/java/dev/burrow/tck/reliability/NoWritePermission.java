package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Child main of {@link NoWritePermissionTest}, run as a user without write permission on parts of a
 * data root. For each argument {@code <root>:<op>} it opens the store at {@code root} and runs
 * {@code op} ({@code open}, {@code list}, {@code create}, {@code update}, {@code get-secret}),
 * printing {@code ok <result>} or {@code threw <exception class> <message>}.
 */
public final class NoWritePermission {
  private NoWritePermission() {}

  public static void main(String[] args) {
    for (String arg : args) {
      int colon = arg.lastIndexOf(':');
      String op = arg.substring(colon + 1);
      Path root = Path.of(arg.substring(0, colon));
      Function<CounterStore, Object> action =
          switch (op) {
            case "open" -> store -> store.options().durability();
            case "list" -> store -> store.list().size();
            case "create" -> store -> store.create("new").version();
            case "update" -> store -> store.update("kept", Counter::increment).version();
            case "get-secret" -> store -> store.get("secret").version();
            default -> throw new IllegalArgumentException(op);
          };
      try (CounterStore store = Counters.open(root, Durability.FSYNC)) {
        System.out.println("ok " + action.apply(store));
      } catch (RuntimeException e) {
        System.out.println("threw " + e.getClass().getName() + " " + e.getMessage());
      }
    }
  }
}
