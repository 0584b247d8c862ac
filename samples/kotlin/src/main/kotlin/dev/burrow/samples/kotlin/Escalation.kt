package dev.burrow.samples.kotlin

import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.Version

/** How bad an escalation is: a type this module keeps to itself. */
internal enum class Severity { MINOR, MAJOR }

/**
 * A ticket handed up the chain, kept to this module: an internal class may hold the module's
 * internal types, and its change properties (`it.severity = Severity.MAJOR`) are internal too. An
 * internal property, whose getter's JVM name kotlinc mangles (`getHandledBy$<module>`), is stored
 * like any other.
 */
@Instance(name = "escalations")
internal data class Escalation(
    @InstanceId val id: String,
    @Version val version: Long,
    val ticketId: String?,
    val severity: Severity = Severity.MINOR,
    internal val handledBy: String = "first line",
)
