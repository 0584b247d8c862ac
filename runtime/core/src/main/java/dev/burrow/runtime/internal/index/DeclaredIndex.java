package dev.burrow.runtime.internal.index;

import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.store.IndexDefault;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A declared component's index: the component, the directories that index it, and its default. */
record DeclaredIndex<T>(IndexedField<T, ?> field, FieldIndex index, IndexDefault byDefault) {
  /** The value directory of {@code instance}'s value. */
  Path values(T instance) {
    return index.values(field.keyOf(instance));
  }

  /**
   * Whether an instance read with the value {@code key} may lack its entry though a write leaves
   * the value as it is: a document written before the component existed reads as the default (its
   * own, when the default has no one key), which it holds only once written again, and which a
   * store of another default (another release, during a rolling upgrade) indexes by that default
   * instead.
   */
  boolean mayLackEntry(@Nullable String key) {
    return !byDefault.stable() || Objects.equals(key, byDefault.key());
  }

  IndexRebuild.Target<T> rebuild() {
    return new IndexRebuild.Target<>(index, this::values);
  }
}
