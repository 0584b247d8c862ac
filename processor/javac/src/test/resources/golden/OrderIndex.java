package test.golden;

import dev.burrow.IndexedField;
import dev.burrow.runtime.codec.ValueCodecs;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @Indexed} components of {@link Order}, to combine in queries:
 * {@code store.where(A.equalTo(a)).and(B.equalTo(b))} returns the instances matching both,
 * newest first. Each condition lists one index; only the documents every index names are
 * read.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class OrderIndex {
  /**
   * The indexed component {@link Order#state()}.
   */
  public static final IndexedField<Order, Order.State> STATE = IndexedField.of(OrderSchema.STATE, Order::state, ValueCodecs.enumOf(Order.State.class)::toKey);

  /**
   * The indexed component {@link Order#customerId()}.
   */
  public static final IndexedField<Order, Long> CUSTOMER_ID = IndexedField.of(OrderSchema.CUSTOMER_ID, Order::customerId, ValueCodecs.LONG::toKey);

  /**
   * The indexed component {@link Order#note()}.
   */
  public static final IndexedField<Order, @Nullable String> NOTE = IndexedField.ofNullable(OrderSchema.NOTE, Order::note, ValueCodecs.STRING::toKey);

  private OrderIndex() {
  }
}
