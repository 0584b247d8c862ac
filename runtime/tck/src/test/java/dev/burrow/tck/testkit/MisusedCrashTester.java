package dev.burrow.tck.testkit;

import dev.burrow.MisuseException;
import dev.burrow.test.CrashTester;

/**
 * Runs the crash tester, in its own temporary directory, once with a set-up and once with an
 * operation that fails, printing {@code misuse: set-up} and {@code misuse: operation} as each run
 * fails with {@link MisuseException}, then with an opener that throws an error, printing {@code
 * error: opener} as the run passes it on. Run in a child JVM whose {@code java.io.tmpdir} a test
 * then checks for leftovers.
 */
public final class MisusedCrashTester {
  private MisusedCrashTester() {}

  public static void main(String[] args) {
    try {
      CrashTester.forStore(AccountStore::open)
          .withSetUp(store -> store.get("nobody"))
          .run(store -> {}, (store, cut) -> {});
      System.out.println("no failure: set-up");
    } catch (MisuseException expected) {
      System.out.println("misuse: set-up");
    }
    try {
      CrashTester.forStore(AccountStore::open)
          .run(store -> store.get("nobody"), (store, cut) -> {});
      System.out.println("no failure: operation");
    } catch (MisuseException expected) {
      System.out.println("misuse: operation");
    }
    try {
      CrashTester.<AccountStore>forStore(
              options -> {
                throw new ExceptionInInitializerError("the store class failed to load");
              })
          .run(store -> {}, (store, cut) -> {});
      System.out.println("no failure: opener");
    } catch (ExceptionInInitializerError expected) {
      System.out.println("error: opener");
    }
  }
}
