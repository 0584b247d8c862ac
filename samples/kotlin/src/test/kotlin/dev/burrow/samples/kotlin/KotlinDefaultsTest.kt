package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotSame
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** kapt reads which ChatSession properties declare defaults; the class computes them itself. */
class KotlinDefaultsTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun aNewSessionGetsEveryKotlinDefaultComputedWhenItIsCreated() {
        ChatSessionStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)).use { store ->
            val before = System.currentTimeMillis()
            val session = store.create()
            val after = System.currentTimeMillis()
            assertEquals(listOf("new"), session.tags, "listOf(\"new\")")
            assertEquals(20, session.maxTurns)
            assertTrue(session.openedAtMillis in before..after, "System.currentTimeMillis() at create")
            assertEquals("${session.id}.txt", session.transcript, "a default using another parameter")
            assertNull(session.agent)
            assertEquals(0, session.turns, "no Kotlin default: the type's own")
            assertEquals(State.OPEN, session.state, "@Default(\"OPEN\") wins over = State.WAITING")
            assertEquals(session, store.get(session.id))
        }
    }

    @Test
    fun everyFreshValueComputesItsDefaultsAgain() {
        val first = ChatSessionSchema.INSTANCE.fresh("a")
        val second = ChatSessionSchema.INSTANCE.fresh("b")
        assertEquals("a.txt", first.transcript)
        assertEquals("b.txt", second.transcript)
        assertNotSame(first.tags, second.tags)
    }

    @Test
    fun aDocumentWrittenBeforeAPropertyExistedReadsItsKotlinDefault() {
        val old = """{"id":"old-1","version":3,"state":"CLOSED","tags":["kept"],"title":"t","turns":7}"""
        val read = ChatSessionSchema.INSTANCE.codec().decode(old.toByteArray())
        assertEquals(State.CLOSED, read.state)
        assertEquals(listOf("kept"), read.tags, "a field in the document wins over the default")
        assertEquals(7, read.turns)
        assertEquals(20, read.maxTurns)
        assertEquals("old-1.txt", read.transcript, "computed from the id read")
        assertNull(read.agent)
    }

    @Test
    fun anExplicitNullIsKeptAndNotReplacedByTheDefault() {
        val doc = """{"id":"n","version":1,"agent":null,"tags":[],"maxTurns":3}"""
        val read = ChatSessionSchema.INSTANCE.codec().decode(doc.toByteArray())
        assertNull(read.agent)
        assertEquals(emptyList(), read.tags)
        assertEquals(3, read.maxTurns)
    }
}
