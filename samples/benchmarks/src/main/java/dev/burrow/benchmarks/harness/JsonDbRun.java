package dev.burrow.benchmarks.harness;

import io.jsondb.annotation.Document;
import io.jsondb.annotation.Id;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The benchmark document as JsonDB wants it: a mutable bean with an {@code @Id}. */
@Document(collection = "benchruns", schemaVersion = "1.0")
public final class JsonDbRun {
  @Id private @Nullable String id;
  private long version;
  private @Nullable String createdAt;
  private @Nullable String updatedAt;
  private @Nullable String status;
  private @Nullable Map<String, String> params;
  private int counter;

  /** The bean as {@link Documents#fresh} makes it. */
  static JsonDbRun of(BenchRun run) {
    JsonDbRun bean = new JsonDbRun();
    bean.id = run.id();
    bean.version = run.version();
    bean.createdAt = run.createdAt().toString();
    bean.updatedAt = run.updatedAt().toString();
    bean.status = run.status();
    bean.params = run.params();
    bean.counter = run.counter();
    return bean;
  }

  public @Nullable String getId() {
    return id;
  }

  public void setId(@Nullable String id) {
    this.id = id;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  public @Nullable String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(@Nullable String createdAt) {
    this.createdAt = createdAt;
  }

  public @Nullable String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(@Nullable String updatedAt) {
    this.updatedAt = updatedAt;
  }

  public @Nullable String getStatus() {
    return status;
  }

  public void setStatus(@Nullable String status) {
    this.status = status;
  }

  public @Nullable Map<String, String> getParams() {
    return params;
  }

  public void setParams(@Nullable Map<String, String> params) {
    this.params = params;
  }

  public int getCounter() {
    return counter;
  }

  public void setCounter(int counter) {
    this.counter = counter;
  }
}
