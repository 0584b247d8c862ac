package dev.burrow.runtime.internal.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * An export carries each document's numbers as the document writes them, and an import stores them
 * so: a {@code double} of -0.0 stays -0.0 (a decimal read as {@code BigDecimal} has no sign of
 * zero), and a number's digits are neither added nor dropped.
 */
class ExactNumbersTest {
  private static final String NUMBERS = "\"zero\":-0.0,\"tenth\":1.10,\"huge\":1e400,\"whole\":-0";

  @Test
  void anExportLineAndTheDocumentAnImportStoresKeepEveryNumberAsWritten() throws Exception {
    byte[] json = ("{\"id\":\"c1\",\"version\":1," + NUMBERS + "}").getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ExportLineWriter(out).document(new RawDocument("c1", 1, null, null, json));
    String line = out.toString(UTF_8);
    assertTrue(line.contains(NUMBERS), line);

    String stored =
        new String(ExportLine.parse(line.strip().getBytes(UTF_8), "line 2").document, UTF_8);
    for (String number : NUMBERS.split(",")) {
      assertTrue(stored.contains(number.replace(":", " : ")), number + " in " + stored);
    }
  }
}
