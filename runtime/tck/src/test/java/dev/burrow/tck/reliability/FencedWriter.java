package dev.burrow.tck.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.InstanceLock;
import dev.burrow.LockLostException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main of {@link PostgresFaultsTest}, a lease holder on another host: {@code jdbcUrl prefix
 * localRoot leaseMillis id}. Opens the generated counter store on PostgreSQL, creates an instance
 * with a generated ID (so it holds a Snowflake worker lease) and prints {@code created <id>} and
 * {@code ready}, locks counter {@code id} and prints {@code locked <fencing token> <version>}; then
 * increments it under the lock, printing {@code acked <version>} for each acknowledged update,
 * {@code unknown} for each whose outcome is unknown and {@code failed <exception>} for each that
 * failed, until its lease is lost: then prints {@code fenced}, creates an instance with a generated
 * ID again (its worker lease was lost with the pause), printing {@code created <id>} if that was
 * acknowledged ({@code create unknown} or {@code create failed <exception>} if not), and, once the
 * store is closed, {@code done}.
 */
public final class FencedWriter {
  private FencedWriter() {}

  public static void main(String[] args) {
    String id = args[4];
    StoreOptions options = StoreOptions.defaults().withDataRoot(Path.of(args[2]));
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store = Counters.onPostgres(pool, args[1], lease, options)) {
      System.out.println("created " + store.create().id());
      System.out.println("ready");
      System.out.flush();
      InstanceLock lock = store.lock(id);
      System.out.println(
          "locked " + lock.fencingToken().orElseThrow() + " " + store.get(id).version());
      System.out.flush();
      while (true) {
        try {
          System.out.println("acked " + store.update(id, Counter::increment).version());
        } catch (OutcomeUnknownException e) {
          System.out.println("unknown");
        } catch (LockLostException e) {
          System.out.println("fenced");
          break;
        } catch (RuntimeException e) {
          System.out.println("failed " + e);
        }
        System.out.flush();
      }
      createWithGeneratedId(store);
    }
    System.out.println("done");
  }

  /** Creates an instance with a generated ID, printing what came of it. */
  private static void createWithGeneratedId(CounterStore store) {
    try {
      System.out.println("created " + store.create().id());
    } catch (OutcomeUnknownException e) {
      System.out.println("create unknown");
    } catch (RuntimeException e) {
      System.out.println("create failed " + e);
    }
    System.out.flush();
  }
}
