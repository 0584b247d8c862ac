package dev.burrow.samples.kotlin

import dev.burrow.CreatedAt
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.UpdatedAt
import dev.burrow.Version
import java.time.Duration
import java.time.Instant

/**
 * A reminder whose Kotlin defaults are derived from properties Burrow manages. A create computes
 * them with what it stores (version 1, the create's time); a document written before such a
 * property existed computes it with its own version and timestamps.
 */
@Instance(name = "reminders")
data class Reminder(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    val dueAt: Instant = createdAt.plus(Duration.ofDays(1)),
    val createdText: String = "created $createdAt",
    val firstVersion: Long = version,
)
