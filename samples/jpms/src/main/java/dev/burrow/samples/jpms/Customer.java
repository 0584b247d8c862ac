package dev.burrow.samples.jpms;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A customer, stored by the generated {@code CustomerStore}.
 *
 * @param id the customer's ID
 * @param version the stored version
 * @param name the customer's name
 * @param tier the pricing tier
 * @param address where to ship, once known
 * @param tags free-form labels
 */
@Instance(name = "customers")
public record Customer(
    @InstanceId String id,
    @Version long version,
    @Default("unnamed") String name,
    @Default("FREE") Tier tier,
    @Nullable Address address,
    List<String> tags) {}
