package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static TaskRun stored() {
    TaskRun fresh = TaskRunSchema.INSTANCE.fresh("run-1");
    return TaskRunSchema.INSTANCE.stamp(
        TaskRunChanges.of(fresh).putParam("a", "1").addTag("t").branch("main").build(), 5, T0, T0);
  }

  @Test
  void settersAndHelpersChangeOnlyWhatTheyName() {
    TaskRun original = stored();
    TaskRun changed =
        TaskRunChanges.of(original)
            .status(Status.RUNNING)
            .putParam("b", "2")
            .removeParam("a")
            .addTag("u")
            .attempts(3)
            .branch(null)
            .build();
    assertEquals(
        new TaskRun(
            "run-1", 5, T0, T0, Status.RUNNING, Map.of("b", "2"), List.of("t", "u"), 3, null),
        changed);
  }

  @Test
  void theOriginalValueIsNeverModified() {
    TaskRun original = stored();
    TaskRunChanges.of(original)
        .putParam("b", "2")
        .removeParam("a")
        .addTag("u")
        .tags(List.of())
        .build();
    assertEquals(Map.of("a", "1"), original.params());
    assertEquals(List.of("t"), original.tags());
    assertEquals("main", original.branch());
  }

  @Test
  void valuesAlreadyBuiltDoNotSeeLaterEdits() {
    TaskRunChanges changes = TaskRunChanges.of(stored());
    TaskRun first = changes.addTag("1").build();
    TaskRun second = changes.addTag("2").build();
    assertEquals(List.of("t", "1"), first.tags());
    assertEquals(List.of("t", "1", "2"), second.tags());
  }

  @Test
  void replacingACollectionCopiesIt() {
    List<String> mine = new ArrayList<>(List.of("x"));
    TaskRun built = TaskRunChanges.of(stored()).tags(mine).build();
    mine.add("y");
    assertEquals(List.of("x"), built.tags());
  }

  @Test
  void gettersShowTheCurrentStateReadOnly() {
    TaskRunChanges changes = TaskRunChanges.of(stored()).attempts(2);
    assertEquals(2, changes.attempts());
    assertEquals(Map.of("a", "1"), changes.params());
    assertThrows(UnsupportedOperationException.class, () -> changes.params().put("x", "y"));
  }

  @Test
  void nonNullComponentsRejectNullNamingTheComponent() {
    Status none = null;
    MisuseException scalar =
        assertThrows(MisuseException.class, () -> TaskRunChanges.of(stored()).status(none));
    assertTrue(scalar.getMessage().contains("component 'status' of TaskRun"), scalar.getMessage());
    List<String> noTags = null;
    MisuseException collection =
        assertThrows(MisuseException.class, () -> TaskRunChanges.of(stored()).tags(noTags));
    assertTrue(collection.getMessage().contains("component 'tags'"), collection.getMessage());
  }

  @Test
  void nullableComponentsTakeNull() {
    assertNull(TaskRunChanges.of(stored()).branch(null).build().branch());
  }

  @Test
  void kotlinStyleChangesUseTheGetters() {
    KotlinSession session = KotlinSessionSchema.INSTANCE.fresh("s");
    KotlinSession changed =
        KotlinSessionChanges.of(session)
            .state(Status.DONE)
            .addTag("x")
            .isPinned(true)
            .putCount("k", 1)
            .topic("t")
            .build();
    assertEquals(
        new KotlinSession("s", 0, Status.DONE, List.of("x"), true, "t", Map.of("k", 1)), changed);
    assertNull(session.getTopic());
  }
}
