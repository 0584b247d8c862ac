package dev.burrow.runtime.internal.index;

import dev.burrow.IndexedField;
import java.nio.file.Path;

/**
 * A declared component's index: the component, the directories that index it, and whether the
 * component's default has one key ({@link dev.burrow.runtime.internal.store.IndexDefault#stable}).
 */
record DeclaredIndex<T>(IndexedField<T, ?> field, FieldIndex index, boolean oneDefaultKey) {
  /** The value directory of {@code instance}'s value. */
  Path values(T instance) {
    return index.values(field.keyOf(instance));
  }

  IndexRebuild.Target<T> rebuild() {
    return new IndexRebuild.Target<>(index, this::values);
  }
}
