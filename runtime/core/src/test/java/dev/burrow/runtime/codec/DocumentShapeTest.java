package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.UnknownFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A document shape, written to JSON and read back without the application's classes (as the {@code
 * burrow} tools read it from {@code .burrow/store.json}), accepts exactly the documents the
 * original codecs accept, and refuses the others with the same message.
 */
class DocumentShapeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private enum Colour {
    RED,
    GREEN
  }

  private record Point(int x, int y) {}

  private static final DocumentShape SHAPE =
      DocumentShape.builder("Sample", UnknownFields.FAIL)
          .required("id", ValueCodecs.STRING)
          .required("version", ValueCodecs.LONG)
          .field("at", ValueCodecs.INSTANT)
          .field("count", ValueCodecs.INT)
          .field("small", ValueCodecs.BYTE)
          .field("ratio", ValueCodecs.DOUBLE)
          .field("money", ValueCodecs.BIG_DECIMAL)
          .field("flag", ValueCodecs.BOOLEAN)
          .field("colour", ValueCodecs.enumOf(Colour.class))
          .field("tags", ValueCodecs.setOf(ValueCodecs.STRING))
          .field("maybe", ValueCodecs.listOfNullable(ValueCodecs.LONG))
          .field("byColour", ValueCodecs.mapOf(ValueCodecs.enumOf(Colour.class), ValueCodecs.UUID))
          .field(
              "nested", ValueCodecs.listOf(ValueCodecs.databind(Point.class, UnknownFields.FAIL)))
          .nullable("note", ValueCodecs.STRING)
          .build();

  private static final List<String> DOCUMENTS =
      List.of(
          "{\"id\": \"a\", \"version\": 1}",
          "{\"id\": \"a\", \"version\": \"1\", \"count\": 7, \"note\": null, \"flag\": true}",
          "{\"id\": \"a\", \"version\": 1, \"at\": \"2024-01-01T00:00:00Z\", \"ratio\": \"NaN\"}",
          "{\"id\": \"a\", \"version\": 1, \"money\": \"1.50\", \"colour\": \"GREEN\"}",
          "{\"id\": \"a\", \"version\": 1, \"tags\": [\"x\", \"y\"], \"maybe\": [1, null, \"2\"]}",
          "{\"id\": \"a\", \"version\": 1, \"byColour\": {\"RED\":"
              + " \"123e4567-e89b-12d3-a456-426614174000\"}}",
          "{\"id\": \"a\", \"version\": 1, \"nested\": [{\"x\": 1, \"y\": 2}]}",
          "{\"version\": 1}",
          "{\"id\": \"a\"}",
          "{\"id\": null, \"version\": 1}",
          "{\"id\": \"a\", \"version\": 1.5}",
          "{\"id\": \"a\", \"version\": 1, \"count\": \"7\"}",
          "{\"id\": \"a\", \"version\": 1, \"count\": 3000000000}",
          "{\"id\": \"a\", \"version\": 1, \"small\": 300}",
          "{\"id\": \"a\", \"version\": 1, \"ratio\": \"many\"}",
          "{\"id\": \"a\", \"version\": 1, \"money\": \"1,50\"}",
          "{\"id\": \"a\", \"version\": 1, \"flag\": \"true\"}",
          "{\"id\": \"a\", \"version\": 1, \"colour\": \"BLUE\"}",
          "{\"id\": \"a\", \"version\": 1, \"at\": \"2024-13-01T00:00:00Z\"}",
          "{\"id\": \"a\", \"version\": 1, \"tags\": [\"x\", null]}",
          "{\"id\": \"a\", \"version\": 1, \"maybe\": [1, \"two\"]}",
          "{\"id\": \"a\", \"version\": 1, \"byColour\": {\"BLUE\": \"x\"}}",
          "{\"id\": \"a\", \"version\": 1, \"byColour\": {\"RED\": \"not-a-uuid\"}}",
          "{\"id\": \"a\", \"version\": 1, \"nested\": {}}",
          "{\"id\": \"a\", \"version\": 1, \"count\": null}",
          "{\"id\": \"a\", \"version\": 1, \"other\": 1}",
          "{\"id\": \"a\", \"version\": 1,",
          "[]");

  @Test
  void aShapeReadBackFromJsonJudgesEveryDocumentAsTheCodecsDo() {
    DocumentShape readBack = DocumentShape.fromJson(JSON.readTree(SHAPE.toJson().toString()));

    assertEquals(SHAPE, readBack);
    int refused = 0;
    for (String document : DOCUMENTS) {
      String original = verdict(SHAPE, document);
      assertEquals(original, verdict(readBack, document), document);
      refused += original.equals("accepted") ? 0 : 1;
    }
    assertEquals(DOCUMENTS.size() - 7, refused, "the cases above accept only the first 7");
  }

  @Test
  void aValueReadByDatabindIsCheckedOnlyAsWellFormedJson() {
    DocumentShape readBack = DocumentShape.fromJson(JSON.readTree(SHAPE.toJson().toString()));
    String unknownInPoint = "{\"id\": \"a\", \"version\": 1, \"nested\": [{\"z\": []}]}";

    assertTrue(verdict(SHAPE, unknownInPoint).contains("Unrecognized property \"z\""));
    assertEquals("accepted", verdict(readBack, unknownInPoint));
    String malformed = "{\"id\": \"a\", \"version\": 1, \"nested\": [{\"z\": ]}]}";
    assertEquals(verdict(SHAPE, malformed), verdict(readBack, malformed));
    assertTrue(verdict(readBack, malformed).startsWith("field 'nested': "), malformed);
  }

  @Test
  void aRefusedDocumentIsNamedByItsFieldAndWhatWasExpected() {
    assertEquals(
        "field 'colour': expected one of Colour's constants RED, GREEN but found the string"
            + " \"BLUE\" at line 1, column 43",
        verdict(SHAPE, "{\"id\": \"a\", \"version\": 1, \"colour\": \"BLUE\"}"));
    assertEquals("missing required field 'version'", verdict(SHAPE, "{\"id\": \"a\"}"));
    assertTrue(
        verdict(SHAPE, "{\"id\": \"a\", \"version\": 1, \"count\": null}")
            .startsWith("field 'count': null is not allowed, Sample.count is not @Nullable"));
  }

  private static String verdict(DocumentShape shape, String document) {
    try {
      shape.check(document.getBytes(StandardCharsets.UTF_8));
      return "accepted";
    } catch (DocumentFormatException e) {
      return e.getMessage();
    }
  }
}
