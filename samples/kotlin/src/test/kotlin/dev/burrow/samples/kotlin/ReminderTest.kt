package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import kotlin.test.Test
import kotlin.test.assertEquals

/** Kotlin defaults that use @Version and @CreatedAt see the values the instance holds. */
class ReminderTest {
    @TempDir
    lateinit var dir: Path

    private val now = Instant.parse("2030-01-02T03:04:05Z")

    private fun open() = ReminderStore.open(
        StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)
            .withClock(Clock.fixed(now, ZoneOffset.UTC)),
    )

    @Test
    fun aCreateComputesTheDefaultsWithVersionOneAndItsOwnTime() {
        open().use { store ->
            val created = store.create("r")
            assertEquals(1L, created.version)
            assertEquals(now, created.createdAt)
            assertEquals(now.plusSeconds(86_400), created.dueAt)
            assertEquals("created 2030-01-02T03:04:05Z", created.createdText)
            assertEquals(1L, created.firstVersion)
            assertEquals(created, store.get("r"))
        }
    }

    @Test
    fun theDefaultsAreStoredAtCreateAndAnUpdateKeepsThem() {
        open().use { store ->
            store.create("r")
            val updated = store.update("r") { }
            assertEquals(2L, updated.version)
            assertEquals(1L, updated.firstVersion)
            assertEquals(now.plusSeconds(86_400), updated.dueAt)
        }
    }

    @Test
    fun aDocumentWithoutTheFieldsComputesThemWithItsOwnVersionAndTimestamps() {
        val old = """{"id":"o","version":4,"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-02-01T00:00:00Z"}"""
        val read = ReminderSchema.INSTANCE.codec().decode(old.toByteArray())
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), read.dueAt)
        assertEquals("created 2024-01-01T00:00:00Z", read.createdText)
        assertEquals(4L, read.firstVersion)
    }
}
