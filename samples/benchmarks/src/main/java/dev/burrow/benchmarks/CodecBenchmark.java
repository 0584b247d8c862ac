package dev.burrow.benchmarks;

import dev.burrow.benchmarks.harness.BenchRun;
import dev.burrow.benchmarks.harness.BenchRunChanges;
import dev.burrow.benchmarks.harness.BenchRunSchema;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.spi.InstanceCodec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking every write costs: the harness document ({@link BenchRun}, a 256-byte parameter
 * text) encoded by its generated codec, against the same encode through {@link CheckedSchema},
 * which decodes what was encoded before a store hands the bytes to its backend; and one decode, for
 * scale. Average time per call, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {
  private InstanceCodec<BenchRun> generated;
  private InstanceCodec<BenchRun> checked;
  private BenchRun document;
  private byte[] bytes;

  /** The harness's document, version 1, with its parameter text. */
  @Setup
  public void prepare() {
    generated = BenchRunSchema.INSTANCE.codec();
    checked = CheckedSchema.of(BenchRunSchema.INSTANCE).codec();
    Instant now = Instant.now();
    BenchRun initial =
        BenchRunChanges.of(BenchRunSchema.INSTANCE.fresh("1"))
            .putParam("text", "x".repeat(256))
            .build();
    document = BenchRunSchema.INSTANCE.stamp(initial, 1, now, now);
    bytes = generated.encode(document);
  }

  /** The generated codec's encode alone, as before writes were checked. */
  @Benchmark
  public byte[] encode() {
    return generated.encode(document);
  }

  /** Encode and decode again, as every write does now. */
  @Benchmark
  public byte[] encodeChecked() {
    return checked.encode(document);
  }

  /** One decode, as every read does. */
  @Benchmark
  public BenchRun decode() {
    return generated.decode(bytes);
  }
}
