package test.golden;

import dev.burrow.IdKind;
import dev.burrow.IndexedField;
import dev.burrow.UnknownFields;
import dev.burrow.runtime.codec.DocumentReader;
import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.codec.DocumentWriter;
import dev.burrow.runtime.codec.ShapedCodec;
import dev.burrow.runtime.codec.ValueCodec;
import dev.burrow.runtime.codec.ValueCodecs;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The schema of {@link Order}: JSON field names, layout, fresh defaults and codec.
 * Stateless and thread-safe; use {@link #INSTANCE}.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class OrderSchema implements InstanceSchema<Order> {
  /**
   * The only instance.
   */
  public static final OrderSchema INSTANCE = new OrderSchema();

  /**
   * The JSON field of {@link Order#id()}.
   */
  public static final String ID = "id";

  /**
   * The JSON field of {@link Order#version()}.
   */
  public static final String VERSION = "version";

  /**
   * The JSON field of {@link Order#createdAt()}.
   */
  public static final String CREATED_AT = "createdAt";

  /**
   * The JSON field of {@link Order#updatedAt()}.
   */
  public static final String UPDATED_AT = "updatedAt";

  /**
   * The JSON field of {@link Order#state()}.
   */
  public static final String STATE = "state";

  /**
   * The JSON field of {@link Order#timeout()}.
   */
  public static final String TIMEOUT = "timeout";

  /**
   * The JSON field of {@link Order#customerId()}.
   */
  public static final String CUSTOMER_ID = "customerId";

  /**
   * The JSON field of {@link Order#labels()}.
   */
  public static final String LABELS = "labels";

  /**
   * The JSON field of {@link Order#tags()}.
   */
  public static final String TAGS = "tags";

  /**
   * The JSON field of {@link Order#items()}.
   */
  public static final String ITEMS = "items";

  /**
   * The JSON field of {@link Order#note()}.
   */
  public static final String NOTE = "note";

  private final InstanceLayout layout = new InstanceLayout("orders", List.of("attachments", "audit-log"), "SHOP_DATA_DIR", "~/.shop", IdKind.SNOWFLAKE);

  private final JsonCodec codec = new JsonCodec();

  private OrderSchema() {
  }

  @Override
  public Class<Order> type() {
    return Order.class;
  }

  @Override
  public InstanceLayout layout() {
    return layout;
  }

  @Override
  public InstanceCodec<Order> codec() {
    return codec;
  }

  @Override
  public String id(Order instance) {
    return instance.id();
  }

  @Override
  public long version(Order instance) {
    return instance.version();
  }

  @Override
  public @Nullable Instant createdAt(Order instance) {
    return instance.createdAt();
  }

  @Override
  public Order fresh(String id) {
    return new Order(id, 0L, Instant.EPOCH, Instant.EPOCH, Order.State.NEW, Defaults.TIMEOUT, 0L, new LinkedHashMap<>(), new LinkedHashSet<>(), new ArrayList<>(), null);
  }

  @Override
  public Order stamp(Order instance, long version, Instant createdAt, Instant updatedAt) {
    return new Order(instance.id(), version, createdAt, updatedAt, instance.state(), instance.timeout(), instance.customerId(), instance.labels(), instance.tags(), instance.items(), instance.note());
  }

  @Override
  public List<IndexedField<Order, ?>> indexes() {
    return List.of(OrderIndex.STATE, OrderIndex.CUSTOMER_ID, OrderIndex.NOTE);
  }

  private static final class Defaults {
    static final Duration TIMEOUT = Duration.parse("PT15M");

    private Defaults() {
    }
  }

  private static final class JsonCodec implements ShapedCodec<Order> {
    private static final ValueCodec<Order.State> STATE = ValueCodecs.enumOf(Order.State.class);

    private static final ValueCodec<Map<String, String>> LABELS = ValueCodecs.mapOf(ValueCodecs.STRING, ValueCodecs.STRING);

    private static final ValueCodec<Set<String>> TAGS = ValueCodecs.setOf(ValueCodecs.STRING);

    private static final ValueCodec<List<Order.Item>> ITEMS = ValueCodecs.listOf(ValueCodecs.databind(Order.Item.class, UnknownFields.FAIL));

    @Override
    public byte[] encode(Order instance) {
      return new DocumentWriter()
          .field(OrderSchema.ID, ValueCodecs.STRING, instance.id())
          .number(OrderSchema.VERSION, instance.version())
          .field(OrderSchema.CREATED_AT, ValueCodecs.INSTANT, instance.createdAt())
          .field(OrderSchema.UPDATED_AT, ValueCodecs.INSTANT, instance.updatedAt())
          .field(OrderSchema.STATE, STATE, instance.state())
          .field(OrderSchema.TIMEOUT, ValueCodecs.DURATION, instance.timeout())
          .field(OrderSchema.CUSTOMER_ID, ValueCodecs.LONG, instance.customerId())
          .field(OrderSchema.LABELS, LABELS, instance.labels())
          .field(OrderSchema.TAGS, TAGS, instance.tags())
          .field(OrderSchema.ITEMS, ITEMS, instance.items())
          .field(OrderSchema.NOTE, ValueCodecs.STRING, instance.note())
          .finish();
    }

    @Override
    public Order decode(byte[] json) {
      @Nullable String id = null;
      @Nullable Long version = null;
      Instant createdAt = Instant.EPOCH;
      Instant updatedAt = Instant.EPOCH;
      Order.State state = Order.State.NEW;
      Duration timeout = Defaults.TIMEOUT;
      long customerId = 0L;
      Map<String, String> labels = new LinkedHashMap<>();
      Set<String> tags = new LinkedHashSet<>();
      List<Order.Item> items = new ArrayList<>();
      @Nullable String note = null;
      try (DocumentReader reader = DocumentReader.open(json, "Order", UnknownFields.FAIL)) {
        for (@Nullable String field = reader.nextField(); field != null; field = reader.nextField()) {
          switch (field) {
            case OrderSchema.ID -> id = reader.read(ValueCodecs.STRING);
            case OrderSchema.VERSION -> version = reader.read(ValueCodecs.LONG);
            case OrderSchema.CREATED_AT -> createdAt = reader.read(ValueCodecs.INSTANT);
            case OrderSchema.UPDATED_AT -> updatedAt = reader.read(ValueCodecs.INSTANT);
            case OrderSchema.STATE -> state = reader.read(STATE);
            case OrderSchema.TIMEOUT -> timeout = reader.read(ValueCodecs.DURATION);
            case OrderSchema.CUSTOMER_ID -> customerId = reader.read(ValueCodecs.LONG);
            case OrderSchema.LABELS -> labels = reader.read(LABELS);
            case OrderSchema.TAGS -> tags = reader.read(TAGS);
            case OrderSchema.ITEMS -> items = reader.read(ITEMS);
            case OrderSchema.NOTE -> note = reader.readNullable(ValueCodecs.STRING);
            default -> reader.unknownField();
          }
        }
      }
      return new Order(DocumentReader.required(id, OrderSchema.ID), DocumentReader.required(version, OrderSchema.VERSION), createdAt, updatedAt, state, timeout, customerId, labels, tags, items, note);
    }

    @Override
    public DocumentShape shape() {
      return DocumentShape.builder("Order", UnknownFields.FAIL)
          .required(OrderSchema.ID, ValueCodecs.STRING)
          .required(OrderSchema.VERSION, ValueCodecs.LONG)
          .field(OrderSchema.CREATED_AT, ValueCodecs.INSTANT)
          .field(OrderSchema.UPDATED_AT, ValueCodecs.INSTANT)
          .field(OrderSchema.STATE, STATE)
          .field(OrderSchema.TIMEOUT, ValueCodecs.DURATION)
          .field(OrderSchema.CUSTOMER_ID, ValueCodecs.LONG)
          .field(OrderSchema.LABELS, LABELS)
          .field(OrderSchema.TAGS, TAGS)
          .field(OrderSchema.ITEMS, ITEMS)
          .nullable(OrderSchema.NOTE, ValueCodecs.STRING)
          .build();
    }
  }
}
