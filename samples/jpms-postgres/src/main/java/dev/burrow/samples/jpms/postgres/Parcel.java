package dev.burrow.samples.jpms.postgres;

import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/**
 * A parcel, stored by the generated {@code ParcelStore}, on PostgreSQL or on files.
 *
 * @param id the parcel's ID
 * @param version the stored version
 * @param status where the parcel is in its journey, indexed
 * @param destination where it goes, once known
 */
@Instance(name = "parcels")
public record Parcel(
    @InstanceId String id,
    @Version long version,
    @Indexed @Default("PACKED") Status status,
    @Nullable Destination destination) {

  /** Where a parcel is in its journey. */
  public enum Status {
    /** Waiting to leave. */
    PACKED,
    /** On its way. */
    SHIPPED
  }
}
