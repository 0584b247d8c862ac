package test.golden

import dev.burrow.CreatedAt
import dev.burrow.Default
import dev.burrow.Indexed
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.UnknownFields
import dev.burrow.UpdatedAt
import dev.burrow.Version
import java.time.Duration
import java.time.Instant

/** The javac processor's golden Order record, as a Kotlin record: the generated Java is the same. */
@Instance(
    name = "orders",
    subdirectories = ["attachments", "audit-log"],
    dataRootEnv = "SHOP_DATA_DIR",
    defaultDataRoot = "~/.shop",
    unknownFields = UnknownFields.FAIL,
)
@JvmRecord
data class Order(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    @Indexed @Default("NEW") val state: State,
    @Default("PT15M") val timeout: Duration,
    @Indexed val customerId: Long,
    val labels: Map<String, String>,
    val tags: Set<String>,
    val items: List<Item>,
    @Indexed val note: String?,
) {
    enum class State { NEW, PAID, SHIPPED }

    @JvmRecord
    data class Item(val sku: String, val quantity: Int)
}
