package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
      store.engine().importFrom(new Midway(export, lineEnd(export, 1 + documents)), null);
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

  /** The first {@code end} bytes; then prints {@code midway} and waits for stdin to close. */
  private static final class Midway extends InputStream {
    private final InputStream head;

    Midway(byte[] export, int end) {
      this.head = new ByteArrayInputStream(export, 0, end);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = head.read(buffer, offset, length);
      if (read > 0 || length == 0) {
        return read;
      }
      System.out.println("midway");
      System.out.flush();
      while (System.in.read() >= 0) {
        // the parent never writes; it kills this process
      }
      throw new IOException("stdin closed while waiting midway to be killed");
    }
  }
}
