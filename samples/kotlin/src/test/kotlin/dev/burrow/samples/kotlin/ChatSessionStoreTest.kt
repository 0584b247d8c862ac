package dev.burrow.samples.kotlin

import dev.burrow.InstanceAlreadyExistsException
import dev.burrow.Durability
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import kotlin.concurrent.thread
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class ChatSessionStoreTest {
    @TempDir
    lateinit var dir: Path

    private fun open() = ChatSessionStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE))

    @Test
    fun createGivesFreshDefaultsWithKotlinNullability() {
        open().use { store ->
            val session = store.create()
            assertEquals(1L, session.version)
            assertEquals(State.OPEN, session.state)
            assertEquals(emptyList(), session.tags)
            val title: String? = session.title
            assertNull(title)
            assertTrue(Files.isDirectory(store.dirs(session.id).transcripts()))
            assertEquals(session, store.get(session.id))
            assertFailsWith<InstanceAlreadyExistsException> { store.create(session.id) }
        }
    }

    @Test
    fun typedUpdatesChangeOnlyWhatTheySay() {
        open().use { store ->
            val id = store.create("chat-1") { it.title("Hello") }.id
            val updated = store.update(id) { it.state(State.CLOSED).addTag("done") }
            assertEquals(State.CLOSED, updated.state)
            assertEquals(listOf("done"), updated.tags)
            assertEquals("Hello", updated.title)
            assertEquals(2L, updated.version)

            val cleared = store.update(id) { it.title(null) }
            assertNull(cleared.title)
            assertEquals(cleared, store.find(id).orElseThrow())
        }
    }

    @Test
    fun concurrentUpdatesFromManyThreadsAreNeverLost() {
        open().use { store ->
            val id = store.create().id
            val workers = (1..4).map {
                thread { repeat(25) { store.update(id) { it.turns(it.turns() + 1) } } }
            }
            workers.forEach { it.join() }
            assertEquals(100, store.get(id).turns)
            assertEquals(101L, store.get(id).version)
        }
    }

    @Test
    fun listIsNewestFirstAndDeleteRemovesTheSession() {
        open().use { store ->
            val ids = (1..3).map { store.create().id }
            assertEquals(ids.reversed(), store.list().map { it.id })
            assertTrue(store.delete(ids[1]))
            assertFalse(store.delete(ids[1]))
            assertFalse(store.find(ids[1]).isPresent)
            assertEquals(listOf(ids[2], ids[0]), store.list().map { it.id })
        }
    }

    @Test
    fun theProgramRunsAgainstTheGeneratedStore() {
        main(arrayOf(dir.toString()))
        open().use { store ->
            val left = store.list()
            assertEquals(1, left.size)
            assertEquals(State.WAITING, left.single().state)
            assertEquals(listOf("sales"), left.single().tags)
        }
    }
}
