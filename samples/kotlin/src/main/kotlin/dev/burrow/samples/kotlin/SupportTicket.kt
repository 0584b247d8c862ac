package dev.burrow.samples.kotlin

import dev.burrow.Default
import dev.burrow.Indexed
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.Version

/** Who answers a ticket: a nested Kotlin class, which Jackson reads back with its Kotlin module. */
data class Agent(val name: String, val languages: List<String> = listOf("en"))

/** How urgent a ticket is. */
enum class Priority { LOW, NORMAL, HIGH }

/**
 * A support ticket whose Kotlin default values are what a new ticket gets: the class computes
 * each one when a ticket is created, and for documents written before the property existed.
 * `@Default` wins where both are given. The store finds tickets by priority and by subject.
 */
@Instance(name = "tickets")
data class SupportTicket(
    @InstanceId val id: String,
    @Version val version: Long,
    @Indexed @Default("NORMAL") val priority: Priority = Priority.LOW,
    val labels: List<String> = listOf("new"),
    val openedAtMillis: Long = System.currentTimeMillis(),
    val mailbox: String = "support+$id@example.com",
    val maxReplies: Int = 20,
    val assignee: Agent? = null,
    @Indexed val subject: String?,
)

/** Takes a ticket: one change block, Kotlin properties in it. */
fun assign(store: SupportTicketStore, id: String, agent: Agent): SupportTicket =
    store.update(id) {
        it.assignee = agent
        it.priority = Priority.HIGH
        it.labels += "assigned"
        it.maxReplies -= 5
    }
