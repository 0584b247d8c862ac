package dev.burrow.samples.kotlin

import dev.burrow.CreatedAt
import dev.burrow.Default
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.UpdatedAt
import dev.burrow.Version
import java.time.Instant

/** Where a chat session is. */
enum class State { OPEN, WAITING, CLOSED }

/** Who answers a session: a nested Kotlin class, which Jackson reads back with its Kotlin module. */
data class Agent(val name: String, val languages: List<String> = listOf("en"))

/**
 * One chat session: a Kotlin data class, processed by kapt into ChatSessionStore. Its Kotlin
 * default values are what a new session gets, each computed when the session is created (and for
 * documents written before the property existed); `@Default` wins where both are given.
 */
@Instance(name = "sessions", subdirectories = ["transcripts"])
data class ChatSession(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    @Default("OPEN") val state: State = State.WAITING,
    val tags: List<String> = listOf("new"),
    val title: String?,
    val turns: Int,
    val maxTurns: Int = 20,
    val openedAtMillis: Long = System.currentTimeMillis(),
    val transcript: String = "$id.txt",
    val agent: Agent? = null,
)
