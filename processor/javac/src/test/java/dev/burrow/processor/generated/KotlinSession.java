package dev.burrow.processor.generated;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The shape kapt gives the processor for the Kotlin data class {@code @Instance(name = "sessions")
 * data class KotlinSession(@InstanceId val id: String, @Version val version: Long, @Default("OPEN")
 * val state: State, val tags: List<String>, val isPinned: Boolean, val topic: String?, val counts:
 * Map<String, Int>)}: private fields, a full-arity constructor carrying the annotations, and
 * getters with JetBrains nullness.
 */
@Instance(name = "sessions", subdirectories = "transcripts")
public final class KotlinSession {
  @NotNull private final String id;
  private final long version;
  @NotNull private final Status state;
  @NotNull private final List<String> tags;
  private final boolean isPinned;
  @Nullable private final String topic;
  @NotNull private final Map<String, Integer> counts;

  /** The primary constructor. */
  public KotlinSession(
      @InstanceId @NotNull String id,
      @Version long version,
      @Default("PENDING") @NotNull Status state,
      @NotNull List<String> tags,
      boolean isPinned,
      @Nullable String topic,
      @NotNull Map<String, Integer> counts) {
    this.id = id;
    this.version = version;
    this.state = state;
    this.tags = tags;
    this.isPinned = isPinned;
    this.topic = topic;
    this.counts = counts;
  }

  /** The ID. */
  @NotNull public final String getId() {
    return id;
  }

  /** The version. */
  public final long getVersion() {
    return version;
  }

  /** The state. */
  @NotNull public final Status getState() {
    return state;
  }

  /** The tags. */
  @NotNull public final List<String> getTags() {
    return tags;
  }

  /** Whether pinned. */
  public final boolean isPinned() {
    return isPinned;
  }

  /** The topic. */
  @Nullable public final String getTopic() {
    return topic;
  }

  /** The counts. */
  @NotNull public final Map<String, Integer> getCounts() {
    return counts;
  }

  /** Kotlin data classes compare by value. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof KotlinSession
        && ((KotlinSession) other).id.equals(id)
        && ((KotlinSession) other).version == version
        && ((KotlinSession) other).state == state
        && ((KotlinSession) other).tags.equals(tags)
        && ((KotlinSession) other).isPinned == isPinned
        && java.util.Objects.equals(((KotlinSession) other).topic, topic)
        && ((KotlinSession) other).counts.equals(counts);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, version, state, tags, isPinned, topic, counts);
  }
}
