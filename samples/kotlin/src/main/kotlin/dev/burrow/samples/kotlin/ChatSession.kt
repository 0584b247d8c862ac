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

/** One chat session: a Kotlin data class, processed by kapt into ChatSessionStore. */
@Instance(name = "sessions", subdirectories = ["transcripts"])
data class ChatSession(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    @Default("OPEN") val state: State,
    val tags: List<String>,
    val title: String?,
    val turns: Int,
)
