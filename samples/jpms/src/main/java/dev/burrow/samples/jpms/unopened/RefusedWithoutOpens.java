package dev.burrow.samples.jpms.unopened;

import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.MisuseException;
import dev.burrow.samples.jpms.CustomerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run on the module path by the build: Jackson databind cannot reach {@link Detail}, whose package
 * this module neither opens nor exports to it. A store holding one refuses to open, before it
 * touches its data root, and instance files and events of that type are refused before each write
 * and read; every refusal is a {@code MisuseException} naming the type and the line to add to
 * {@code module-info.java}.
 */
public final class RefusedWithoutOpens {
  private static final String LINE =
      "opens dev.burrow.samples.jpms.unopened to tools.jackson.databind;";

  private RefusedWithoutOpens() {}

  /**
   * Checks each refusal; exits non-zero if one is missing or does not name the type and the line.
   *
   * @param args the directory to work in
   * @throws IOException if the directories or the planted file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path base = Files.createDirectories(Path.of(args[0]));
    Path run = Files.createTempDirectory(base, "run-");
    Path notes = run.resolve("notes");
    expectRefusal(
        "open",
        () -> {
          try (NoteStore store = NoteStore.open(notes)) {
            store.create(c -> c.detail(new Detail("never written")));
          }
        });
    if (Files.exists(notes)) {
      throw new IllegalStateException("the refused store touched its data root " + notes);
    }
    try (CustomerStore customers = CustomerStore.open(run.resolve("customers"))) {
      String id = customers.create().id();
      InstanceFiles files = customers.files(id);
      EventLog<Detail> events = customers.events(id, Detail.class);
      expectRefusal("file write", () -> files.write("detail.json", new Detail("x")));
      Files.writeString(files.file("detail.json"), "{\"text\":\"x\"}");
      expectRefusal("file read", () -> files.read("detail.json", Detail.class));
      expectRefusal("event append", () -> events.append(new Detail("x")));
      expectRefusal("event read", () -> events.read(0));
    }
    System.out.println("every use of " + Detail.class.getName() + " was refused, naming: " + LINE);
  }

  private static void expectRefusal(String what, Runnable use) {
    try {
      use.run();
    } catch (MisuseException e) {
      if (!e.getMessage().contains(Detail.class.getName()) || !e.getMessage().contains(LINE)) {
        throw new IllegalStateException(what + ": the refusal does not name the type and line", e);
      }
      return;
    }
    throw new IllegalStateException(what + " of a Detail was not refused");
  }
}
