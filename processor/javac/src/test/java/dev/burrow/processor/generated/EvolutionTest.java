package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.codec.DocumentFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvolutionTest {

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String failure(Runnable decode) {
    return assertThrows(DocumentFormatException.class, decode::run).getMessage();
  }

  @Test
  void componentsMissingFromAnOlderDocumentGetTheirDefaults() {
    Lenient read = LenientSchema.INSTANCE.codec().decode(json("{\"id\":\"a\",\"version\":4}"));
    assertEquals(new Lenient("a", 4, "", 3, null), read);

    AllTypes all = AllTypesSchema.INSTANCE.codec().decode(json("{\"id\":\"a\",\"version\":1}"));
    AllTypes fresh = AllTypesSchema.INSTANCE.fresh("a");
    assertEquals(AllTypesSchema.INSTANCE.stamp(fresh, 1, fresh.when(), fresh.when()), all);
  }

  @Test
  void missingCollectionsAreFreshForEveryRead() {
    byte[] old = json("{\"id\":\"a\",\"version\":1}");
    AllTypes first = AllTypesSchema.INSTANCE.codec().decode(old);
    first.names().add("x");
    assertTrue(AllTypesSchema.INSTANCE.codec().decode(old).names().isEmpty());
  }

  @Test
  void ignorePolicySkipsUnknownFieldsAtEveryDepth() {
    Lenient read =
        LenientSchema.INSTANCE
            .codec()
            .decode(
                json(
                    "{\"id\":\"a\",\"version\":1,\"removed\":{\"deep\":[1,{\"x\":null}]},\"name\":\"n\","
                        + "\"resources\":{\"cpus\":1,\"memoryBytes\":2,\"labels\":[],\"newer\":true}}"));
    assertEquals("n", read.name());
    assertEquals(new Resources(1, 2, java.util.List.of()), read.resources());
  }

  @Test
  void failPolicyRejectsAnUnknownFieldNamingIt() {
    String message =
        failure(
            () ->
                StrictSchema.INSTANCE
                    .codec()
                    .decode(
                        json("{\"id\":\"a\",\"version\":1,\n\"addedLater\":5,\"name\":\"n\"}")));
    assertTrue(message.contains("unknown field 'addedLater'"), message);
    assertTrue(message.contains("Strict"), message);
    assertTrue(message.contains("line 2"), message);
  }

  @Test
  void failPolicyRejectsUnknownPropertiesOfNestedObjectsToo() {
    String message =
        failure(
            () ->
                StrictSchema.INSTANCE
                    .codec()
                    .decode(
                        json(
                            "{\"id\":\"a\",\"version\":1,\"name\":\"n\","
                                + "\"resources\":{\"cpus\":1,\"memoryBytes\":2,\"labels\":[],\"newer\":true}}")));
    assertTrue(message.contains("field 'resources'") && message.contains("newer"), message);
  }

  @Test
  void failPolicyStillFillsMissingComponents() {
    Strict read = StrictSchema.INSTANCE.codec().decode(json("{\"id\":\"a\",\"version\":1}"));
    assertEquals("", read.name());
    assertNull(read.resources());
  }

  @Test
  void idAndVersionAreRequired() {
    assertTrue(
        failure(() -> LenientSchema.INSTANCE.codec().decode(json("{\"id\":\"a\"}")))
            .contains("missing required field 'version'"));
    assertTrue(
        failure(() -> LenientSchema.INSTANCE.codec().decode(json("{\"version\":1}")))
            .contains("missing required field 'id'"));
  }

  @Test
  void badInputIsReportedWithFieldAndPosition() {
    String wrongType =
        failure(
            () ->
                LenientSchema.INSTANCE
                    .codec()
                    .decode(json("{\"id\":\"a\",\"version\":1,\n\"retries\":\"three\"}")));
    assertTrue(
        wrongType.contains("field 'retries'")
            && wrongType.contains("expected an int")
            && wrongType.contains("\"three\"")
            && wrongType.contains("line 2"),
        wrongType);

    String nullValue =
        failure(
            () ->
                LenientSchema.INSTANCE
                    .codec()
                    .decode(json("{\"id\":\"a\",\"version\":1,\"name\":null}")));
    assertTrue(
        nullValue.contains("field 'name'") && nullValue.contains("not @Nullable"), nullValue);

    String badEnum =
        failure(
            () ->
                AllTypesSchema.INSTANCE
                    .codec()
                    .decode(json("{\"id\":\"a\",\"version\":1,\"statuses\":[\"DONE\",\"LOST\"]}")));
    assertTrue(
        badEnum.contains("field 'statuses'")
            && badEnum.contains("element 1")
            && badEnum.contains("PENDING, RUNNING, DONE"),
        badEnum);

    String overflow =
        failure(
            () ->
                AllTypesSchema.INSTANCE
                    .codec()
                    .decode(json("{\"id\":\"a\",\"version\":1,\"smallest\":300}")));
    assertTrue(overflow.contains("field 'smallest'") && overflow.contains("-128 to 127"), overflow);
  }

  @Test
  void malformedDocumentsAreRejected() {
    assertTrue(
        failure(() -> LenientSchema.INSTANCE.codec().decode(json("{\"id\":\"a\",")))
            .contains("malformed JSON"));
    assertTrue(
        failure(() -> LenientSchema.INSTANCE.codec().decode(json("[1]")))
            .contains("expected a JSON object"));
    assertTrue(
        failure(
                () ->
                    LenientSchema.INSTANCE.codec().decode(json("{\"id\":\"a\",\"version\":1} {}")))
            .contains("expected the end of the document"));
    assertTrue(
        failure(
                () ->
                    LenientSchema.INSTANCE
                        .codec()
                        .decode(json("{\"id\":\"a\",\"id\":\"b\",\"version\":1}")))
            .contains("id"));
    assertTrue(
        failure(() -> LenientSchema.INSTANCE.codec().decode(new byte[0]))
            .contains("expected a JSON object"));
  }
}
