package dev.burrow.runtime.internal.transfer;

import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes an event log on to {@code out} while it checks that every reader reads it whole, as the
 * event log's reader reads it without the application's classes: each finished line well-formed
 * UTF-8 and one JSON value other than {@code null}, shorter than {@link
 * FileEventLog#MAX_LINE_BYTES} with its line end. An unfinished last line shorter than that is what
 * a crash mid-append leaves, which readers skip and the next append removes, so it passes. Holds
 * one line at a time.
 */
final class EventLogCheck extends OutputStream {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A line no reader reads, named by its number and the byte it starts at. */
  static final class DamagedLogException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedLogException(String message) {
      super(message);
    }
  }

  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long number = 1;
  private long lineStart;
  private long position;

  EventLogCheck(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    take((byte) b);
    out.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      take(bytes[i]);
    }
    out.write(bytes, offset, length);
  }

  private void take(byte b) throws DamagedLogException {
    position++;
    if (b != '\n') {
      if (line.size() >= FileEventLog.MAX_LINE_BYTES - 1) {
        throw damaged("longer than the limit of " + FileEventLog.MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
      return;
    }
    check(line.toByteArray());
    line.reset();
    number++;
    lineStart = position;
  }

  private void check(byte[] json) throws DamagedLogException {
    int malformed = StrictUtf8.firstMalformed(json);
    if (malformed >= 0) {
      throw damaged(
          "not valid UTF-8: a malformed or overlong sequence at byte "
              + malformed
              + " of the line");
    }
    JsonNode event;
    try {
      event = JSON.readTree(json);
    } catch (JacksonException e) {
      throw damaged("not valid JSON: " + JsonErrors.plain(e));
    }
    if (event == null || event.isMissingNode() || event.isNull()) {
      throw damaged("no event (an empty line or null)");
    }
  }

  private DamagedLogException damaged(String why) {
    return new DamagedLogException("line " + number + " (byte " + lineStart + ") is " + why);
  }
}
