package test.golden;

import dev.burrow.MisuseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Typed changes to a {@link Order}, as passed to {@link OrderStore#update}.
 *
 * <p>Each setter replaces one component; the put, remove and add helpers edit a
 * collection. {@link #build()} returns a new value and never modifies the one the
 * changes started from. ID, version and timestamps are managed by the store and
 * cannot be changed here. Not thread-safe.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class OrderChanges {
  private final Order original;

  private Order.State state;

  private Duration timeout;

  private long customerId;

  private Map<String, String> labels;

  private boolean labelsCopied;

  private Set<String> tags;

  private boolean tagsCopied;

  private List<Order.Item> items;

  private boolean itemsCopied;

  private @Nullable String note;

  private OrderChanges(Order original) {
    this.original = original;
    this.state = original.state();
    this.timeout = original.timeout();
    this.customerId = original.customerId();
    this.labels = original.labels();
    this.tags = original.tags();
    this.items = original.items();
    this.note = original.note();
  }

  /**
   * Changes starting from {@code original}, which is never modified.
   */
  public static OrderChanges of(Order original) {
    return new OrderChanges(original);
  }

  /**
   * The value these changes started from.
   */
  public Order original() {
    return original;
  }

  /**
   * The {@code state} the built value will have.
   */
  public Order.State state() {
    return state;
  }

  /**
   * Sets {@code state}; it must not be null.
   *
   * @throws MisuseException if {@code state} is null
   */
  public OrderChanges state(Order.State state) {
    this.state = required(state, "state");
    return this;
  }

  /**
   * The {@code timeout} the built value will have.
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Sets {@code timeout}; it must not be null.
   *
   * @throws MisuseException if {@code timeout} is null
   */
  public OrderChanges timeout(Duration timeout) {
    this.timeout = required(timeout, "timeout");
    return this;
  }

  /**
   * The {@code customerId} the built value will have.
   */
  public long customerId() {
    return customerId;
  }

  /**
   * Sets {@code customerId}.
   */
  public OrderChanges customerId(long customerId) {
    this.customerId = customerId;
    return this;
  }

  /**
   * The {@code labels} the built value will have (a read-only view).
   */
  public Map<String, String> labels() {
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Replaces {@code labels} with a copy of {@code labels}; it must not be null.
   *
   * @throws MisuseException if {@code labels} is null or holds null
   */
  public OrderChanges labels(Map<String, String> labels) {
    this.labels = nonNullElements(new LinkedHashMap<>(required(labels, "labels")), "labels");
    this.labelsCopied = true;
    return this;
  }

  /**
   * Maps {@code key} to {@code value} in {@code labels}.
   *
   * @throws MisuseException if either is null
   */
  public OrderChanges putLabel(String key, String value) {
    ownLabels().put(nonNullKey(key, "labels"), nonNullElement(value, "labels"));
    return this;
  }

  /**
   * Removes {@code key} from {@code labels}, if present.
   */
  public OrderChanges removeLabel(String key) {
    ownLabels().remove(key);
    return this;
  }

  private Map<String, String> ownLabels() {
    if (!labelsCopied) {
      labels = new LinkedHashMap<>(labels);
      labelsCopied = true;
    }
    return labels;
  }

  /**
   * The {@code tags} the built value will have (a read-only view).
   */
  public Set<String> tags() {
    return Collections.unmodifiableSet(tags);
  }

  /**
   * Replaces {@code tags} with a copy of {@code tags}; it must not be null.
   *
   * @throws MisuseException if {@code tags} is null or holds null
   */
  public OrderChanges tags(Set<String> tags) {
    this.tags = nonNullElements(new LinkedHashSet<>(required(tags, "tags")), "tags");
    this.tagsCopied = true;
    return this;
  }

  /**
   * Adds {@code tag} to {@link #tags()}.
   *
   * @throws MisuseException if {@code tag} is null
   */
  public OrderChanges addTag(String tag) {
    ownTags().add(nonNullElement(tag, "tags"));
    return this;
  }

  private Set<String> ownTags() {
    if (!tagsCopied) {
      tags = new LinkedHashSet<>(tags);
      tagsCopied = true;
    }
    return tags;
  }

  /**
   * The {@code items} the built value will have (a read-only view).
   */
  public List<Order.Item> items() {
    return Collections.unmodifiableList(items);
  }

  /**
   * Replaces {@code items} with a copy of {@code items}; it must not be null.
   *
   * @throws MisuseException if {@code items} is null or holds null
   */
  public OrderChanges items(List<Order.Item> items) {
    this.items = nonNullElements(new ArrayList<>(required(items, "items")), "items");
    this.itemsCopied = true;
    return this;
  }

  /**
   * Adds {@code item} to {@link #items()}.
   *
   * @throws MisuseException if {@code item} is null
   */
  public OrderChanges addItem(Order.Item item) {
    ownItems().add(nonNullElement(item, "items"));
    return this;
  }

  private List<Order.Item> ownItems() {
    if (!itemsCopied) {
      items = new ArrayList<>(items);
      itemsCopied = true;
    }
    return items;
  }

  /**
   * The {@code note} the built value will have.
   */
  public @Nullable String note() {
    return note;
  }

  /**
   * Sets {@code note}.
   */
  public OrderChanges note(@Nullable String note) {
    this.note = note;
    return this;
  }

  /**
   * A new {@link Order} with these changes; the ID, version and timestamps are the original's.
   * Later edits to these changes do not affect the value returned.
   */
  public Order build() {
    labelsCopied = false;
    tagsCopied = false;
    itemsCopied = false;
    return new Order(original.id(), original.version(), original.createdAt(), original.updatedAt(), state, timeout, customerId, labels, tags, items, note);
  }

  private static <V> V required(@Nullable V value, String component) {
    if (value == null) {
      throw new MisuseException("component '" + component + "' of Order is not nullable and cannot be set to null; pass a value, or declare the component nullable (@Nullable in Java, a type ending in ? in Kotlin)");
    }
    return value;
  }

  private static <V> V nonNullElement(@Nullable V value, String component) {
    if (value == null) {
      throw new MisuseException("component '" + component + "' cannot hold null: its elements and values are not declared nullable");
    }
    return value;
  }

  private static <V> V nonNullKey(@Nullable V value, String component) {
    if (value == null) {
      throw new MisuseException("component '" + component + "' cannot hold a null key: map keys are never null");
    }
    return value;
  }

  private static <C extends Collection<?>> C nonNullElements(C value, String component) {
    if (value.contains(null)) {
      throw new MisuseException("component '" + component + "' cannot hold null: its elements are not declared nullable");
    }
    return value;
  }

  private static <C extends Map<?, ?>> C nonNullElements(C value, String component) {
    if (value.containsKey(null) || value.containsValue(null)) {
      throw new MisuseException("component '" + component + "' cannot hold null: map keys are never null, and its values are not declared nullable");
    }
    return value;
  }
}
