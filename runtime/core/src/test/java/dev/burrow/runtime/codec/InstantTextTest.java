package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant parser agrees with {@link Instant#parse} on every input, valid or not. */
class InstantTextTest {
  @Test
  void everyInstantBurrowWritesReadsBackExactly() {
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_800L),
              switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertEquals(instant, InstantText.parse(instant.toString()), instant.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29T23:59:59Z",
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-01-32T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T23:60:00Z",
        "2024-01-01T23:59:60Z",
        "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00.1234567890Z",
        "2024-01-01T00:00:00.5Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00+01:00",
        "+12024-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2024-1-01T00:00:00Z",
        "2024-01-01T00:00:0xZ",
        "2024-01-01 00:00:00Z",
        "",
        "Z"
      })
  void anythingElseIsReadOrRefusedExactlyAsInstantParseDoes(String text) {
    assertEquals(outcome(() -> Instant.parse(text)), outcome(() -> InstantText.parse(text)));
  }

  private interface Parse {
    Instant run();
  }

  private static String outcome(Parse parse) {
    try {
      return "parsed " + parse.run();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
