package dev.burrow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Indexes this component, so the generated store can find instances by its value without reading
 * the others: {@code findByX(value, PageRequest)} (a page, newest first, paged like {@code list}),
 * {@code streamByX(value)} and {@code countByX(value)}, plus the constant {@code XIndex.X} for
 * {@code store.where(XIndex.A.equalTo(a)).and(XIndex.B.equalTo(b))}, which combines indexed
 * components with AND.
 *
 * <p>Allowed on components the user owns whose type has one stable text form, the same on every
 * backend: {@code String}, enums, {@code boolean}, {@code char}, the integral numbers ({@code
 * byte}, {@code short}, {@code int}, {@code long}, {@code BigInteger}) and {@code BigDecimal}
 * (whose scale counts, as in {@code equals}: {@code 1.5} and {@code 1.50} differ), {@code UUID},
 * {@code Instant}, {@code Duration}, {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime}
 * and {@code OffsetDateTime} (whose offset counts, as in {@code equals}), and their boxes. A
 * nullable component is indexed too: {@code findByX(null, ...)} finds the instances without a
 * value. Anything else is a compile error: collections and maps, nested records, {@code float} and
 * {@code double} (binary fractions have no text form both backends agree on), {@code URI} (its
 * {@code equals} ignores case where its text does not) and {@code Path} (its text depends on the
 * platform), as well as Burrow's managed components and more than {@link #MAX_PER_TYPE} indexed
 * components in one type.
 *
 * <p>Guarantees, on every backend: a finder returns every instance whose stored document matches
 * while the call runs, none twice and none that does not match; it reads only the documents its
 * index names, which are the matching ones except for stale entries (left by a crash, or by a
 * concurrent writer between its document and the removal of its old entry), each checked, skipped
 * and removed. Costs: on the filesystem backend, an update that changes indexed values adds their
 * entries before its document and removes the old ones after it; under {@code Durability.FSYNC} the
 * new entries are made durable together through one flush of the process's index journal (one extra
 * device flush however many indexes change), and none when no indexed value changes. A query walks
 * the entries of each condition's value, kept in shards as the instances are, from the page's
 * position, and reads the documents they name. On PostgreSQL, each indexed component is an
 * expression index that every insert and update of the kind maintains. {@code docs/indexes.md} has
 * the details.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
public @interface Indexed {
  /** The most {@code @Indexed} components one type may have: each one adds cost to writes. */
  int MAX_PER_TYPE = 8;
}
