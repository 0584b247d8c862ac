package dev.burrow.runtime.testing;

import dev.burrow.spi.InstanceCodec;
import java.time.Instant;
import java.util.function.LongFunction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The counters of a release that added {@code status}, indexed, with a default that may be computed
 * from the instance's version, as a Kotlin class reads them: a document without a status reads as
 * the default of its own version, and a fresh value as that of the version it is made with. {@link
 * #BEFORE} is the release before, whose documents have no status.
 */
public final class StatusDefaultSchema extends CounterSchemaVariant {
  /** The counters of the release before status existed: documents are written without it. */
  public static final CounterSchema BEFORE = CounterSchema.INSTANCE.withCodec(new WithoutStatus());

  private static final CounterSchema BASE = CounterSchema.indexing(CounterSchema.STATUS);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LongFunction<String> byVersion;

  private StatusDefaultSchema(LongFunction<String> byVersion) {
    super(BASE);
    this.byVersion = byVersion;
  }

  /**
   * A status that defaults to {@code v} and the version: {@code val status: String = "v$version"}.
   */
  public static StatusDefaultSchema fromVersion() {
    return new StatusDefaultSchema(version -> "v" + version);
  }

  /** A status that defaults to {@code status}: {@code val status: String = "PENDING"}. */
  public static StatusDefaultSchema constant(String status) {
    return new StatusDefaultSchema(version -> status);
  }

  @Override
  public Counter fresh(String id) {
    return fresh(id, 0, Instant.EPOCH, Instant.EPOCH);
  }

  @Override
  public Counter fresh(String id, long version, Instant createdAt, Instant updatedAt) {
    return BASE.stamp(BASE.fresh(id), version, createdAt, updatedAt)
        .withStatus(byVersion.apply(version));
  }

  @Override
  public Counter decode(byte[] json) {
    Counter read = BASE.decode(json);
    return JSON.readTree(json).has("status")
        ? read
        : read.withStatus(byVersion.apply(read.version()));
  }

  /** The counters' codec, writing no status. */
  private static final class WithoutStatus implements InstanceCodec<Counter> {
    @Override
    public byte[] encode(Counter instance) {
      ObjectNode document = (ObjectNode) JSON.readTree(BASE.encode(instance));
      document.remove("status");
      return JSON.writeValueAsBytes(document);
    }

    @Override
    public Counter decode(byte[] json) {
      return BASE.decode(json);
    }
  }
}
