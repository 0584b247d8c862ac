package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested classes created through a {@code @JsonCreator} constructor or factory with more than one
 * parameter read back although their class files, compiled without {@code -parameters}, do not name
 * the parameters ({@link Drawing}).
 */
class JsonCreatorNamesTest {
  @TempDir Path root;

  private static Drawing sample() {
    return new Drawing(
        "d-1",
        0,
        new Drawing.Point(1, 2),
        List.of(new Drawing.Point(3, 4), new Drawing.Point(5, 6)),
        Drawing.Range.between(7, 9),
        new Drawing.Label("sketch"));
  }

  @Test
  void theClassFilesDoNotNameTheParameters() throws NoSuchMethodException {
    assertFalse(
        Drawing.Point.class
            .getConstructor(int.class, int.class)
            .getParameters()[0]
            .isNamePresent());
    assertFalse(
        Drawing.Range.class
            .getMethod("between", int.class, int.class)
            .getParameters()[0]
            .isNamePresent());
  }

  @Test
  void survivesEncodeAndDecode() {
    Drawing value = sample();
    byte[] json = DrawingSchema.INSTANCE.codec().encode(value);
    assertEquals(value, DrawingSchema.INSTANCE.codec().decode(json));
  }

  @Test
  void isWrittenAndReadThroughTheStore() {
    try (DrawingStore store = DrawingStore.open(TestStores.options(root))) {
      Drawing sample = sample();
      Drawing created =
          store.create(
              "d-1",
              c -> {
                c.origin(sample.origin());
                c.points(sample.points());
                c.range(sample.range());
                c.label(sample.label());
              });
      assertEquals(sample.points(), store.get("d-1").points());
      assertEquals(created, store.get("d-1"));
    }
  }
}
