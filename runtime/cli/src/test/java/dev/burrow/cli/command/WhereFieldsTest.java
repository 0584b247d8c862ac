package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.burrow.runtime.internal.transfer.KindDescription;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code ls --where} values checked against the recorded shape of a kind with a list, a map, an
 * {@code int} and an instant field: a value the field's type cannot hold is refused naming the
 * field, what it holds and the value; one it can hold is not.
 */
class WhereFieldsTest {
  private static final KindDescription RUNS =
      Objects.requireNonNull(
          KindDescription.read(
              """
              {"layout": 3, "kind": "runs", "idKind": "SNOWFLAKE", "subdirectories": [],
               "fields": {"id": "id", "version": "version", "createdAt": "createdAt"},
               "shape": {"type": "Run", "unknownFields": "IGNORE", "fields": {
                 "id": {"type": {"type": "string"}, "nullable": false, "required": true},
                 "version": {"type": {"type": "long"}, "nullable": false, "required": true},
                 "createdAt": {"type": {"type": "instant"}, "nullable": false, "required": false},
                 "slot": {"type": {"type": "int"}, "nullable": false, "required": false},
                 "history": {"type": {"type": "array", "elements": {"type": "string"},
                   "nullElements": false}, "nullable": false, "required": false},
                 "outputs": {"type": {"type": "object", "keys": {"type": "string"},
                   "values": {"type": "string"}, "nullValues": false},
                   "nullable": false, "required": false}}}}
              """));

  @Test
  void aValueTheFieldsTypeCannotHoldIsRefusedNamingFieldTypeAndValue() {
    assertRefused("slot", "99999999999", "whole numbers from -2147483648 to 2147483647 (int)");
    assertRefused("history", "FAILED", "lists (a JSON array, as [\"A\"])");
    assertRefused("outputs", "x", "maps (a JSON object, as {\"k\":1})");
    assertRefused("createdAt", "yesterday", "instants (ISO-8601, as 2024-01-31T10:15:30Z)");
  }

  /**
   * JSON writes a whole number without a sign for 0, without leading zeros or a plus sign, and
   * without a fraction, so {@code -0} is never a field's text, as {@code 03}, {@code +3} and {@code
   * 3.0} are not: it is refused for every whole-number type (it was let through, and matched
   * nothing).
   */
  @Test
  void aWholeNumberJsonNeverWritesIsRefusedNegativeZeroIncluded() {
    for (String value : List.of("-0", "03", "+3", "3.0", "-03")) {
      assertRefused("slot", value, "whole numbers");
      assertRefused("version", value, "whole numbers");
    }
    assertNull(WhereFields.refusal(RUNS, Map.of("slot", "0")), "0 is how JSON writes zero");
  }

  private static void assertRefused(String field, String value, String holds) {
    assertEquals(
        "--where "
            + field
            + "="
            + value
            + ": field '"
            + field
            + "' holds "
            + holds
            + ", never '"
            + value
            + "', so no instance could match",
        WhereFields.refusal(RUNS, Map.of(field, value)));
  }

  @Test
  void aValueTheFieldsTypeCanHoldIsNotRefused() {
    for (Map<String, String> where :
        List.of(
            Map.of("slot", "-2147483648"),
            Map.of("history", "[\"FAILED\"]"),
            Map.of("outputs", "{\"log\":\"a\"}"),
            Map.of("createdAt", "2026-12-06T21:22:40.135252746Z"),
            Map.of("history", "null"))) {
      assertNull(WhereFields.refusal(RUNS, where), where.toString());
    }
  }
}
