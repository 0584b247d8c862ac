package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import dev.burrow.UnknownFields;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.codec.DocumentFormatException;
import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.codec.ShapedCodec;
import dev.burrow.runtime.codec.ValueCodecs;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceSchema;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document shape a store records in {@code .burrow/store.json}: never in the way of opening the
 * root, whatever an earlier or later Burrow left there, and never making the marker larger than an
 * earlier Burrow reads.
 */
class RecordedShapeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path root;

  private Path marker() {
    return root.resolve(".burrow/store.json");
  }

  private void open(DocumentShape shape) {
    StoreEngine.open(shaped(shape), StoreOptions.defaults().withDataRoot(root)).close();
  }

  @Test
  void aShapeIsRecordedAndAShapeTooLargeForTheMarkerIsLeftOut() throws Exception {
    open(counterShape(3));
    JsonNode small = JSON.readTree(Files.readString(marker()));
    assertEquals(counterShape(3), DocumentShape.fromJson(small.path("shape")), "recorded as it is");

    open(counterShape(5_000));
    JsonNode large = JSON.readTree(Files.readString(marker()));
    assertFalse(large.has("shape"), "5,000 fields would not fit in 64 KiB");
    assertTrue(Files.size(marker()) <= 64 * 1024, "an earlier Burrow reads the marker");
    assertEquals("counters", large.path("kind").asString());
  }

  @Test
  void aShapeThisBurrowCannotReadNeverKeepsTheApplicationOut() throws Exception {
    open(counterShape(1));
    for (String recorded :
        new String[] {
          "{\"type\": \"Counter\", \"unknownFields\": \"KEEP\", \"fields\": {\"status\":"
              + " {\"type\": {\"type\": \"zonedDateTime\"}}}}",
          "{\"fields\": 5}",
          "\"a shape\""
        }) {
      ObjectNode marker = (ObjectNode) JSON.readTree(Files.readString(marker()));
      marker.set("shape", JSON.readTree(recorded));
      Files.writeString(marker(), marker.toString());

      open(counterShape(1));

      JsonNode rewritten = JSON.readTree(Files.readString(marker()));
      assertEquals(counterShape(1), DocumentShape.fromJson(rewritten.path("shape")), recorded);
    }
  }

  @Test
  void aFieldOfATypeANewerBurrowRecordedIsCheckedAsWellFormedJsonOnly() {
    DocumentShape newer =
        DocumentShape.fromJson(
            JSON.readTree(
                "{\"type\": \"Counter\", \"unknownFields\": \"KEEP\", \"fields\": {\"when\":"
                    + " {\"type\": {\"type\": \"zonedDateTime\"}}, \"byWhen\": {\"type\":"
                    + " {\"type\": \"object\", \"keys\": {\"type\": \"zonedDateTime\"}}}}}"));

    newer.check(
        "{\"when\": [1, {\"a\": null}], \"byWhen\": 3, \"other\": 1}"
            .getBytes(StandardCharsets.UTF_8));
    assertThrows(
        DocumentFormatException.class,
        () -> newer.check("{\"when\": [1,}".getBytes(StandardCharsets.UTF_8)));
  }

  /** The counter's managed fields, then {@code extra} string fields. */
  private static DocumentShape counterShape(int extra) {
    DocumentShape.Builder shape =
        DocumentShape.builder("Counter", UnknownFields.FAIL)
            .required("id", ValueCodecs.STRING)
            .required("version", ValueCodecs.LONG);
    for (int field = 0; field < extra; field++) {
      shape.field("field" + field, ValueCodecs.STRING);
    }
    return shape.build();
  }

  /** The counter schema, its codec saying it reads {@code shape}. */
  @SuppressWarnings("unchecked") // proxies of the counter's schema and codec, delegating to them
  private static InstanceSchema<Counter> shaped(DocumentShape shape) {
    CounterSchema counters = CounterSchema.INSTANCE;
    ClassLoader loader = RecordedShapeTest.class.getClassLoader();
    ShapedCodec<Counter> codec =
        (ShapedCodec<Counter>)
            Proxy.newProxyInstance(
                loader,
                new Class<?>[] {ShapedCodec.class},
                (proxy, method, args) ->
                    method.getName().equals("shape")
                        ? shape
                        : method.invoke((InstanceCodec<Counter>) counters, args));
    return (InstanceSchema<Counter>)
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {InstanceSchema.class},
            (proxy, method, args) ->
                method.getName().equals("codec") ? codec : method.invoke(counters, args));
  }
}
