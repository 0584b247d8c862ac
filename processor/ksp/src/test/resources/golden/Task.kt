package test.golden

import dev.burrow.Default
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.Version
import java.time.Instant

/** Kotlin defaults, which the class computes; a nested Kotlin class; an `isX` Boolean. */
@Instance(name = "tasks")
data class Task(
    @InstanceId val id: String,
    @Version val version: Long = 0,
    @Default("3") val retries: Int = 5,
    val attempts: Int = retries * 2,
    val labels: List<String> = listOf("new"),
    val startedAt: Instant = Instant.now(),
    val owner: Owner? = null,
    val isArchived: Boolean = false,
    val note: String?,
)

data class Owner(val name: String)
