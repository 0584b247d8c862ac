package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.MisuseException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type-use {@code @Nullable} on a type argument ({@code List<@Nullable String>}) lets the
 * elements or values be null, stored and read back as null, as Kotlin's {@code List<String?>} does.
 */
class NullableElementsTest {
  @TempDir Path root;

  @Test
  void nullElementsAndValuesAreStoredAndReadBackAtAnyDepth() {
    List<@Nullable String> items = Arrays.asList("a", null);
    Map<String, @Nullable String> attrs = new HashMap<>();
    attrs.put("k", null);
    try (NullableElementsStore store = NullableElementsStore.open(TestStores.options(root))) {
      store.create(
          "n",
          c ->
              c.items(items)
                  .attrs(attrs)
                  .addItem(null)
                  .putAttr("j", null)
                  .putGroup("g", Arrays.asList(null, "b"))
                  .addStep(new NullableElements.Step("s"))
                  .addStep(null)
                  .putStepsByName("t", null));
    }
    try (NullableElementsStore store = NullableElementsStore.open(TestStores.options(root))) {
      NullableElements read = store.get("n");
      assertEquals(Arrays.asList("a", null, null), read.items());
      Map<String, @Nullable String> expected = new HashMap<>(attrs);
      expected.put("j", null);
      assertEquals(expected, read.attrs());
      assertEquals(Map.of("g", Arrays.asList(null, "b")), read.groups());
      assertEquals(Arrays.asList(new NullableElements.Step("s"), null), read.steps());
      Map<String, NullableElements.@Nullable Step> steps = new HashMap<>();
      steps.put("t", null);
      assertEquals(steps, read.stepsByName());
    }
  }

  @Test
  void aNullKeyIsRefusedSayingKeysAreNeverNullAndANullValueSayingItIsNotDeclaredNullable() {
    NullableElementsChanges changes = NullableElementsChanges.of(empty());
    MisuseException key = assertThrows(MisuseException.class, () -> changes.putAttr(null, "v"));
    assertEquals(
        "component 'attrs' cannot hold a null key: map keys are never null", key.getMessage());
    MisuseException value = assertThrows(MisuseException.class, () -> changes.putGroup("g", null));
    assertEquals(
        "component 'groups' cannot hold null: its elements and values are not declared nullable",
        value.getMessage());
    Map<String, @Nullable String> nullKey = new HashMap<>();
    nullKey.put(null, null);
    MisuseException keys = assertThrows(MisuseException.class, () -> changes.attrs(nullKey));
    assertEquals(
        "component 'attrs' cannot hold a null key: map keys are never null", keys.getMessage());
  }

  private static NullableElements empty() {
    return new NullableElements("n", 1, List.of(), Map.of(), Map.of(), List.of(), Map.of());
  }
}
