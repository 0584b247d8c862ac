package test.golden;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UnknownFields;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

@Instance(
    name = "orders",
    subdirectories = {"attachments", "audit-log"},
    dataRootEnv = "SHOP_DATA_DIR",
    defaultDataRoot = "~/.shop",
    unknownFields = UnknownFields.FAIL)
public record Order(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Indexed @Default("NEW") State state,
    @Default("PT15M") Duration timeout,
    @Indexed long customerId,
    Map<String, String> labels,
    Set<String> tags,
    List<Item> items,
    @Indexed @Nullable String note) {

  public enum State { NEW, PAID, SHIPPED }

  public record Item(String sku, int quantity) {}
}
