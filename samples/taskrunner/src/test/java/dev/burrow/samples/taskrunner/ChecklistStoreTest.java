package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.TempStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Null elements of a list, a set and a map are stored and read back as null. */
class ChecklistStoreTest {
  @Test
  void nullElementsAreStoredAndReadBack(@TempStore ChecklistStore checklists) {
    List<@Nullable String> answers = Arrays.asList("yes", null, "no");
    Set<@Nullable String> tags = new LinkedHashSet<>(Arrays.asList("a", null));
    Map<String, @Nullable Integer> scores = new HashMap<>();
    scores.put("first", 3);
    scores.put("second", null);
    String id = checklists.create(c -> c.answers(answers).tags(tags).scores(scores)).id();
    Checklist read = checklists.get(id);
    assertEquals(answers, read.answers());
    assertEquals(tags, read.tags());
    assertEquals(scores, read.scores());
  }
}
