package test.golden;

import dev.burrow.IdKind;
import dev.burrow.UnknownFields;
import dev.burrow.runtime.codec.DocumentReader;
import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.codec.DocumentWriter;
import dev.burrow.runtime.codec.ShapedCodec;
import dev.burrow.runtime.codec.ValueCodec;
import dev.burrow.runtime.codec.ValueCodecs;
import dev.burrow.runtime.kotlin.KotlinDefaults;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The schema of {@link Task}: JSON field names, layout, fresh defaults and codec.
 * Stateless and thread-safe; use {@link #INSTANCE}.
 */
@Generated("dev.burrow.processor.ksp.InstanceSymbolProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class TaskSchema implements InstanceSchema<Task> {
  /**
   * The only instance.
   */
  public static final TaskSchema INSTANCE = new TaskSchema();

  /**
   * The JSON field of {@link Task#getId()}.
   */
  public static final String ID = "id";

  /**
   * The JSON field of {@link Task#getVersion()}.
   */
  public static final String VERSION = "version";

  /**
   * The JSON field of {@link Task#getRetries()}.
   */
  public static final String RETRIES = "retries";

  /**
   * The JSON field of {@link Task#getAttempts()}.
   */
  public static final String ATTEMPTS = "attempts";

  /**
   * The JSON field of {@link Task#getLabels()}.
   */
  public static final String LABELS = "labels";

  /**
   * The JSON field of {@link Task#getStartedAt()}.
   */
  public static final String STARTED_AT = "startedAt";

  /**
   * The JSON field of {@link Task#getOwner()}.
   */
  public static final String OWNER = "owner";

  /**
   * The JSON field of {@link Task#isArchived()}.
   */
  public static final String IS_ARCHIVED = "isArchived";

  /**
   * The JSON field of {@link Task#getNote()}.
   */
  public static final String NOTE = "note";

  private static final MethodHandle defaultsConstructor = KotlinDefaults.constructor(MethodHandles.lookup(), Task.class, String.class, long.class, int.class, int.class, List.class, Instant.class, Owner.class, boolean.class, String.class);

  private final InstanceLayout layout = new InstanceLayout("tasks", List.of(), null, "~/.burrow/tasks", IdKind.SNOWFLAKE);

  private final JsonCodec codec = new JsonCodec();

  private TaskSchema() {
  }

  @Override
  public Class<Task> type() {
    return Task.class;
  }

  @Override
  public InstanceLayout layout() {
    return layout;
  }

  @Override
  public InstanceCodec<Task> codec() {
    return codec;
  }

  @Override
  public String id(Task instance) {
    return instance.getId();
  }

  @Override
  public long version(Task instance) {
    return instance.getVersion();
  }

  @Override
  public @Nullable Instant createdAt(Task instance) {
    return null;
  }

  @Override
  public Task fresh(String id) {
    return construct(id, 0L, 3, 0, null, null, null, false, null, (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7));
  }

  @Override
  public Task fresh(String id, long version, Instant createdAt, Instant updatedAt) {
    return construct(id, version, 3, 0, null, null, null, false, null, (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7));
  }

  @Override
  public Task stamp(Task instance, long version, Instant createdAt, Instant updatedAt) {
    return new Task(instance.getId(), version, instance.getRetries(), instance.getAttempts(), instance.getLabels(), instance.getStartedAt(), instance.getOwner(), instance.isArchived(), instance.getNote());
  }

  /**
   * A new {@link Task}; the class computes the default of each component whose bit is set in the masks.
   */
  private static Task construct(String id, long version, int retries, int attempts,
      @Nullable List<String> labels, @Nullable Instant startedAt, @Nullable Owner owner,
      boolean isArchived, @Nullable String note, int defaults0) {
    try {
      return (Task) defaultsConstructor.invokeExact(id, version, retries, attempts, labels, startedAt, owner, isArchived, note, defaults0);
    } catch (Throwable e) {
      throw KotlinDefaults.rethrow(e);
    }
  }

  private static final class JsonCodec implements ShapedCodec<Task> {
    private static final ValueCodec<List<String>> LABELS = ValueCodecs.listOf(ValueCodecs.STRING);

    private static final ValueCodec<Owner> OWNER = ValueCodecs.databind(Owner.class, UnknownFields.IGNORE);

    @Override
    public byte[] encode(Task instance) {
      return new DocumentWriter()
          .field(TaskSchema.ID, ValueCodecs.STRING, instance.getId())
          .number(TaskSchema.VERSION, instance.getVersion())
          .field(TaskSchema.RETRIES, ValueCodecs.INT, instance.getRetries())
          .field(TaskSchema.ATTEMPTS, ValueCodecs.INT, instance.getAttempts())
          .field(TaskSchema.LABELS, LABELS, instance.getLabels())
          .field(TaskSchema.STARTED_AT, ValueCodecs.INSTANT, instance.getStartedAt())
          .field(TaskSchema.OWNER, OWNER, instance.getOwner())
          .field(TaskSchema.IS_ARCHIVED, ValueCodecs.BOOLEAN, instance.isArchived())
          .field(TaskSchema.NOTE, ValueCodecs.STRING, instance.getNote())
          .finish();
    }

    @Override
    public Task decode(byte[] json) {
      @Nullable String id = null;
      @Nullable Long version = null;
      int retries = 3;
      int attempts = 0;
      @Nullable List<String> labels = null;
      @Nullable Instant startedAt = null;
      @Nullable Owner owner = null;
      boolean isArchived = false;
      @Nullable String note = null;
      int defaults0 = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7);
      try (DocumentReader reader = DocumentReader.open(json, "Task", UnknownFields.IGNORE)) {
        for (@Nullable String field = reader.nextField(); field != null; field = reader.nextField()) {
          switch (field) {
            case TaskSchema.ID -> id = reader.read(ValueCodecs.STRING);
            case TaskSchema.VERSION -> version = reader.read(ValueCodecs.LONG);
            case TaskSchema.RETRIES -> retries = reader.read(ValueCodecs.INT);
            case TaskSchema.ATTEMPTS -> {
              attempts = reader.read(ValueCodecs.INT);
              defaults0 &= ~(1 << 3);
            }
            case TaskSchema.LABELS -> {
              labels = reader.read(LABELS);
              defaults0 &= ~(1 << 4);
            }
            case TaskSchema.STARTED_AT -> {
              startedAt = reader.read(ValueCodecs.INSTANT);
              defaults0 &= ~(1 << 5);
            }
            case TaskSchema.OWNER -> {
              owner = reader.readNullable(OWNER);
              defaults0 &= ~(1 << 6);
            }
            case TaskSchema.IS_ARCHIVED -> {
              isArchived = reader.read(ValueCodecs.BOOLEAN);
              defaults0 &= ~(1 << 7);
            }
            case TaskSchema.NOTE -> note = reader.readNullable(ValueCodecs.STRING);
            default -> reader.unknownField();
          }
        }
      }
      return construct(DocumentReader.required(id, TaskSchema.ID), DocumentReader.required(version, TaskSchema.VERSION), retries, attempts, labels, startedAt, owner, isArchived, note, defaults0);
    }

    @Override
    public DocumentShape shape() {
      return DocumentShape.builder("Task", UnknownFields.IGNORE)
          .required(TaskSchema.ID, ValueCodecs.STRING)
          .required(TaskSchema.VERSION, ValueCodecs.LONG)
          .field(TaskSchema.RETRIES, ValueCodecs.INT)
          .field(TaskSchema.ATTEMPTS, ValueCodecs.INT)
          .field(TaskSchema.LABELS, LABELS)
          .field(TaskSchema.STARTED_AT, ValueCodecs.INSTANT)
          .nullable(TaskSchema.OWNER, OWNER)
          .field(TaskSchema.IS_ARCHIVED, ValueCodecs.BOOLEAN)
          .nullable(TaskSchema.NOTE, ValueCodecs.STRING)
          .build();
    }
  }
}
