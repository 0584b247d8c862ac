package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.codec.DocumentFormatException;
import dev.burrow.spi.InstanceSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvolutionTest {
  private static final String NEWER_RESOURCES =
      "\"resources\":{\"cpus\":1,\"memoryBytes\":2,\"labels\":[],\"newer\":true}";

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T decode(InstanceSchema<T> schema, String document) {
    return schema.codec().decode(json(document));
  }

  /** Asserts that {@code schema} refuses {@code document} with a message naming every part. */
  private static void assertRefused(InstanceSchema<?> schema, String document, String... parts) {
    String message =
        assertThrows(DocumentFormatException.class, () -> decode(schema, document)).getMessage();
    for (String part : parts) {
      assertTrue(message.contains(part), message);
    }
  }

  @Test
  void componentsMissingFromAnOlderDocumentGetTheirDefaults() {
    Lenient read = decode(LenientSchema.INSTANCE, "{\"id\":\"a\",\"version\":4}");
    assertEquals(new Lenient("a", 4, "", 3, null), read);

    AllTypes all = decode(AllTypesSchema.INSTANCE, "{\"id\":\"a\",\"version\":1}");
    AllTypes fresh = AllTypesSchema.INSTANCE.fresh("a");
    assertEquals(AllTypesSchema.INSTANCE.stamp(fresh, 1, fresh.when(), fresh.when()), all);
  }

  @Test
  void missingCollectionsAreFreshForEveryRead() {
    String old = "{\"id\":\"a\",\"version\":1}";
    decode(AllTypesSchema.INSTANCE, old).names().add("x");
    assertTrue(decode(AllTypesSchema.INSTANCE, old).names().isEmpty());
  }

  @Test
  void ignorePolicySkipsUnknownFieldsAtEveryDepth() {
    Lenient read =
        decode(
            LenientSchema.INSTANCE,
            "{\"id\":\"a\",\"version\":1,\"removed\":{\"deep\":[1,{\"x\":null}]},\"name\":\"n\","
                + NEWER_RESOURCES
                + "}");
    assertEquals("n", read.name());
    assertEquals(new Resources(1, 2, List.of()), read.resources());
  }

  @Test
  void failPolicyRejectsAnUnknownFieldNamingIt() {
    assertRefused(
        StrictSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\n\"addedLater\":5,\"name\":\"n\"}",
        "unknown field 'addedLater'",
        "Strict",
        "line 2");
  }

  @Test
  void failPolicyRejectsUnknownPropertiesOfNestedObjectsToo() {
    assertRefused(
        StrictSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\"name\":\"n\"," + NEWER_RESOURCES + "}",
        "field 'resources'",
        "newer");
  }

  @Test
  void failPolicyStillFillsMissingComponents() {
    Strict read = decode(StrictSchema.INSTANCE, "{\"id\":\"a\",\"version\":1}");
    assertEquals("", read.name());
    assertNull(read.resources());
  }

  @Test
  void idAndVersionAreRequired() {
    assertRefused(LenientSchema.INSTANCE, "{\"id\":\"a\"}", "missing required field 'version'");
    assertRefused(LenientSchema.INSTANCE, "{\"version\":1}", "missing required field 'id'");
  }

  @Test
  void badInputIsReportedWithFieldAndPosition() {
    assertRefused(
        LenientSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\n\"retries\":\"three\"}",
        "field 'retries'",
        "expected an int",
        "\"three\"",
        "line 2");
    assertRefused(
        LenientSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\"name\":null}",
        "field 'name'",
        "not @Nullable");
    assertRefused(
        AllTypesSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\"statuses\":[\"DONE\",\"LOST\"]}",
        "field 'statuses'",
        "element 1",
        "PENDING, RUNNING, DONE");
    assertRefused(
        AllTypesSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1,\"smallest\":300}",
        "field 'smallest'",
        "-128 to 127");
  }

  @Test
  void malformedDocumentsAreRejected() {
    assertRefused(LenientSchema.INSTANCE, "{\"id\":\"a\",", "malformed JSON");
    assertRefused(LenientSchema.INSTANCE, "[1]", "expected a JSON object");
    assertRefused(
        LenientSchema.INSTANCE,
        "{\"id\":\"a\",\"version\":1} {}",
        "expected the end of the document");
    assertRefused(LenientSchema.INSTANCE, "{\"id\":\"a\",\"id\":\"b\",\"version\":1}", "id");
    assertRefused(LenientSchema.INSTANCE, "", "expected a JSON object");
  }
}
