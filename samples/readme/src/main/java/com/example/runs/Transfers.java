package com.example.runs;

import dev.burrow.InstanceLock;
import dev.burrow.RetryPolicy;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

public class Transfers {
  static void transfer(AccountStore accounts, String from, String to, long amount) {
    try (InstanceLock both = accounts.lockAll(List.of(from, to))) { // one global order
      accounts.update(from, c -> c.balance(c.balance() - amount));
      accounts.update(to, c -> c.balance(c.balance() + amount));
      System.out.println("moved " + amount + " between " + both.instanceIds());
    }
  }

  static void optimistic(Path root, String id) {
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(root)
            .withRetryPolicy(
                RetryPolicy.defaults().withMaxAttempts(20).withMaxTotal(Duration.ofSeconds(5)));
    try (AccountStore accounts = AccountStore.open(options)) {
      accounts.updateOptimistic(id, c -> c.balance(c.balance() + 10)); // no lock held
      Account seen = accounts.get(id);
      accounts.compareAndSet(AccountChanges.of(seen).balance(0).build()); // fails if stale
    }
  }
}
