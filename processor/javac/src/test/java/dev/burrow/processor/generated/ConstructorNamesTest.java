package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nested class created through a constructor with arguments reads back although its class file,
 * compiled without {@code -parameters}, does not name the parameters ({@link Pipeline}).
 */
class ConstructorNamesTest {
  @TempDir Path root;

  private static Pipeline sample() {
    return new Pipeline(
        "p-1",
        0,
        new Pipeline.Step("build", 2),
        List.of(new Pipeline.Step("test", 1), new Pipeline.Step("deploy", 3)),
        new Pipeline.Stage("first", new Pipeline.Step("fetch", 5)));
  }

  @Test
  void theClassFileDoesNotNameTheParameters() throws NoSuchMethodException {
    assertFalse(
        Pipeline.Step.class
            .getConstructor(String.class, int.class)
            .getParameters()[0]
            .isNamePresent());
  }

  @Test
  void survivesEncodeAndDecode() {
    Pipeline value = sample();
    byte[] json = PipelineSchema.INSTANCE.codec().encode(value);
    assertEquals(value, PipelineSchema.INSTANCE.codec().decode(json));
  }

  @Test
  void isWrittenAndReadThroughTheStore() {
    try (PipelineStore store = PipelineStore.open(TestStores.options(root))) {
      Pipeline sample = sample();
      Pipeline created =
          store.create(
              "p-1",
              c -> {
                c.current(sample.current());
                c.steps(sample.steps());
                c.stage(sample.stage());
              });
      assertEquals(sample.steps(), store.get("p-1").steps());
      assertEquals(created, store.get("p-1"));
    }
  }
}
