package dev.burrow.samples.jpms;

import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Creates, updates and reads back a customer from the module path, then prints it; and checks that
 * the store has no PostgreSQL openers, which this module, not reading {@code dev.burrow.postgres},
 * could not compile.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the sample.
   *
   * @param args the data root
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Main <data root>");
      System.exit(2);
    }
    try (CustomerStore store = CustomerStore.open(Path.of(args[0]))) {
      Customer created = store.create(c -> c.name("Ada").addTag("early"));
      store.update(created.id(), c -> c.tier(Tier.PRO).address(new Address("Oslo", "NO")));
      Customer read = store.get(created.id());
      if (read.version() != 2 || read.tier() != Tier.PRO || read.address() == null) {
        throw new IllegalStateException("read back " + read);
      }
      System.out.println("module " + Main.class.getModule().getName() + " stored " + read);
    }
    // burrow-postgres is a dependency, but this module does not require dev.burrow.postgres.
    for (Method method : CustomerStore.class.getMethods()) {
      if (method.getParameterCount() > 0
          && method.getParameterTypes()[0].getName().equals("javax.sql.DataSource")) {
        throw new IllegalStateException("a PostgreSQL opener the module cannot read: " + method);
      }
    }
  }
}
