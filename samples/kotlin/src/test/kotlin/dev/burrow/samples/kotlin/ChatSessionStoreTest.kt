package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.InstanceAlreadyExistsException
import dev.burrow.StoreOptions
import dev.burrow.test.CrashTester
import dev.burrow.test.TempStore
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

/** The generated store from Kotlin, with Burrow's test kit: a fresh store per test, and power cuts. */
class ChatSessionStoreTest {
    @TempStore
    lateinit var store: ChatSessionStore

    @Test
    fun createGivesFreshDefaultsWithKotlinNullability() {
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

    @Test
    fun typedUpdatesChangeOnlyWhatTheySay() {
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

    @Test
    fun dataClassEventsAndFilesReadBackThroughJacksonsKotlinModule() {
        val id = store.create().id
        val log = store.events(id, Turn::class.java)
        log.append(Turn("user", "Hello"))
        log.append(Turn("bot"))
        val read = log.read(0)
        assertEquals(listOf(Turn("user", "Hello"), Turn("bot")), read.values())
        assertEquals(emptyList(), read.problems())

        store.files(id).write("last-turn.json", Turn("bot", "Bye"))
        assertEquals(Turn("bot", "Bye"), store.files(id).read("last-turn.json", Turn::class.java).orElseThrow())
    }

    @Test
    fun concurrentUpdatesFromManyThreadsAreNeverLost() {
        val id = store.create().id
        val workers = (1..4).map {
            thread { repeat(25) { store.update(id) { it.turns(it.turns() + 1) } } }
        }
        workers.forEach { it.join() }
        assertEquals(100, store.get(id).turns)
        assertEquals(101L, store.get(id).version)
    }

    @Test
    fun listIsNewestFirstAndDeleteRemovesTheSession(@TempStore other: ChatSessionStore) {
        val ids = (1..3).map { other.create().id }
        assertEquals(ids.reversed(), other.list().map { it.id })
        assertTrue(other.delete(ids[1]))
        assertFalse(other.delete(ids[1]))
        assertFalse(other.find(ids[1]).isPresent)
        assertEquals(listOf(ids[2], ids[0]), other.list().map { it.id })
        assertTrue(store.list().isEmpty(), "every @TempStore has a root of its own")
    }

    @Test
    fun closingASessionSurvivesAnyPowerCutWhole() {
        val report = CrashTester.forStore { options -> ChatSessionStore.open(options) }
            .withSetUp { it.create("chat-1") { c -> c.title("Refund") } }
            .run({ it.update("chat-1") { c -> c.state(State.CLOSED).addTag("resolved") } }) { recovered, cut ->
                val session = recovered.get("chat-1")
                assertEquals(session.state == State.CLOSED, "resolved" in session.tags)
                assertEquals("Refund", session.title)
                if (cut.operationReturned) {
                    assertEquals(State.CLOSED, session.state, cut.toString())
                }
            }
        assertTrue(report.complete, report.toString())
    }

    @Test
    fun theProgramRunsAgainstTheGeneratedStore(@TempDir dir: Path) {
        main(arrayOf(dir.toString()))
        ChatSessionStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)).use { opened ->
            val left = opened.list()
            assertEquals(1, left.size)
            assertEquals(State.WAITING, left.single().state)
            assertEquals(listOf("sales"), left.single().tags)
        }
    }
}

/** A turn of a chat, kept in the session's event log: a data class Jackson reads through its Kotlin module. */
data class Turn(val speaker: String, val text: String? = null)
