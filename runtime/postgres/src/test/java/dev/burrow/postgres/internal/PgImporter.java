package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main, an import to be killed midway: {@code jdbcUrl prefix localRoot exportFile documents}.
 * Imports the export file's header and first {@code documents} documents; when the import asks for
 * more, every one of them is committed, and it prints {@code midway} and waits, until killed (or
 * until its stdin closes, then it fails), so the kill lands midway by construction.
 */
public final class PgImporter {
  private PgImporter() {}

  public static void main(String[] args) throws IOException {
    byte[] export = Files.readAllBytes(Path.of(args[3]));
    int documents = Integer.parseInt(args[4]);
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store =
            PgStores.counters(pool, args[1], Path.of(args[2]), Duration.ofSeconds(15))) {
      InputStream head = new ByteArrayInputStream(export, 0, lineEnd(export, 1 + documents));
      store.engine().importFrom(new SequenceInputStream(head, new Midway()), null);
    }
  }

  /** The offset after the {@code lines}-th line of {@code text}. */
  private static int lineEnd(byte[] text, int lines) {
    int seen = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n' && ++seen == lines) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("the export has fewer than " + lines + " lines");
  }

  /** Read once every document before it was imported: prints {@code midway}, waits to be killed. */
  private static final class Midway extends InputStream {
    @Override
    public int read() throws IOException {
      System.out.println("midway");
      System.out.flush();
      while (System.in.read() >= 0) {
        // the parent never writes; it kills this process
      }
      throw new IOException("stdin closed while waiting midway to be killed");
    }
  }
}
