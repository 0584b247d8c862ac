package dev.burrow.runtime.internal.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.CorruptExportException;
import org.junit.jupiter.api.Test;

/**
 * An export header without a format, or with a format that is no whole number, is refused naming
 * it: a missing one was named as "export format , …", and 1.5 was read as format 1.
 */
class HeaderFormatTest {
  @Test
  void aHeaderWithoutAWholeFormatIsRefusedNamingIt() {
    CorruptExportException missing =
        assertThrows(
            CorruptExportException.class,
            () -> ExportLine.header("{\"burrow\":\"export\"}".getBytes(UTF_8), "export line 1"));
    assertEquals(
        "export line 1: no export format, this Burrow reads format 1", missing.getMessage());
    CorruptExportException fraction =
        assertThrows(
            CorruptExportException.class,
            () ->
                ExportLine.header(
                    "{\"burrow\":\"export\",\"format\":1.5}".getBytes(UTF_8), "export line 1"));
    assertEquals(
        "export line 1: export format 1.5, this Burrow reads format 1", fraction.getMessage());
  }
}
