package dev.burrow.samples.jpms;

import java.nio.file.Path;

/** Creates, updates and reads back a customer from the module path, then prints it. */
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
  }
}
