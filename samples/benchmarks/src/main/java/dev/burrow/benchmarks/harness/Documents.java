package dev.burrow.benchmarks.harness;

import dev.burrow.spi.InstanceCodec;
import java.time.Instant;

/**
 * The document as the peers without Burrow's store logic handle it: built, encoded and decoded with
 * the same generated codec, so every system stores the same JSON bytes.
 */
final class Documents {
  private static final BenchRunSchema SCHEMA = BenchRunSchema.INSTANCE;
  private static final InstanceCodec<BenchRun> CODEC = SCHEMA.codec();

  private Documents() {}

  /** A new document, version 1, with the parameter text. */
  static BenchRun fresh(String id) {
    Instant now = Instant.now();
    BenchRun initial = BenchRunChanges.of(SCHEMA.fresh(id)).putParam("text", BenchRun.TEXT).build();
    return SCHEMA.stamp(initial, 1, now, now);
  }

  /** The change every update makes: status running, counter plus one, the next version. */
  static BenchRun next(BenchRun current) {
    BenchRun changed =
        BenchRunChanges.of(current).status("running").counter(current.counter() + 1).build();
    return SCHEMA.stamp(changed, current.version() + 1, current.createdAt(), Instant.now());
  }

  static byte[] encode(BenchRun document) {
    return CODEC.encode(document);
  }

  static BenchRun decode(byte[] json) {
    return CODEC.decode(json);
  }
}
