package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.PageRequest
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotSame
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** kapt reads which SupportTicket properties declare defaults; the class computes them itself. */
class SupportTicketTest {
    @TempDir
    lateinit var dir: Path

    private fun open() = SupportTicketStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE))

    @Test
    fun aNewTicketGetsEveryKotlinDefaultComputedWhenItIsCreated() {
        open().use { store ->
            val before = System.currentTimeMillis()
            val ticket = store.create()
            val after = System.currentTimeMillis()
            assertEquals(listOf("new"), ticket.labels, "listOf(\"new\")")
            assertTrue(ticket.openedAtMillis in before..after, "System.currentTimeMillis() at create")
            assertEquals("support+${ticket.id}@example.com", ticket.mailbox, "a default using another parameter")
            assertEquals(20, ticket.maxReplies)
            assertNull(ticket.assignee)
            assertNull(ticket.subject, "no Kotlin default, nullable: null")
            assertEquals(Priority.NORMAL, ticket.priority, "@Default(\"NORMAL\") wins over = Priority.LOW")
            assertEquals(ticket, store.get(ticket.id))
        }
    }

    @Test
    fun everyFreshValueComputesItsDefaultsAgain() {
        val first = SupportTicketSchema.INSTANCE.fresh("a")
        val second = SupportTicketSchema.INSTANCE.fresh("b")
        assertEquals("support+a@example.com", first.mailbox)
        assertEquals("support+b@example.com", second.mailbox)
        assertNotSame(first.labels, second.labels)
    }

    @Test
    fun aChangeBlockSetsPropertiesAndTheNestedKotlinClassReadsBack() {
        open().use { store ->
            val id = store.create { it.subject = "Printer on fire" }.id
            val assigned = assign(store, id, Agent("Ada"))
            assertEquals(Agent("Ada", listOf("en")), assigned.assignee)
            assertEquals(Priority.HIGH, assigned.priority)
            assertEquals(listOf("new", "assigned"), assigned.labels)
            assertEquals(15, assigned.maxReplies)
            assertEquals("Printer on fire", assigned.subject)
            assertEquals(assigned, store.get(id))
        }
    }

    @Test
    fun theGeneratedFindersFindTicketsByIndexedProperties() {
        open().use { store ->
            val printer = store.create { it.subject = "Printer on fire" }.id
            val blank = store.create().id
            val urgent = assign(store, store.create { it.subject = "Printer on fire" }.id, Agent("Ada")).id

            assertEquals(listOf(urgent), store.findByPriority(Priority.HIGH, PageRequest.first(10)).items.map { it.id })
            assertEquals(listOf(blank, printer), store.streamByPriority(Priority.NORMAL).map { it.id }.toList())
            assertEquals(listOf(blank), store.streamBySubject(null).map { it.id }.toList(), "null finds no subject")
            assertEquals(2L, store.countBySubject("Printer on fire"))
            val both = store.where(SupportTicketIndex.SUBJECT.equalTo("Printer on fire"))
                .and(SupportTicketIndex.PRIORITY.equalTo(Priority.NORMAL))
            assertEquals(listOf(printer), both.list().map { it.id })
        }
    }

    @Test
    fun aDocumentWrittenBeforeAPropertyExistedReadsItsKotlinDefault() {
        val old = """{"id":"t-1","version":3,"priority":"HIGH","labels":["kept"],"subject":"s"}"""
        val before = System.currentTimeMillis()
        val read = SupportTicketSchema.INSTANCE.codec().decode(old.toByteArray())
        val after = System.currentTimeMillis()
        assertEquals(Priority.HIGH, read.priority)
        assertEquals(listOf("kept"), read.labels, "a field in the document wins over the default")
        assertEquals(20, read.maxReplies)
        assertEquals("support+t-1@example.com", read.mailbox, "computed from the id read")
        assertNull(read.assignee)
        assertTrue(
            read.openedAtMillis in before..after,
            "System.currentTimeMillis() runs at each read of a document without the field, not once: " +
                "two reads can differ until the ticket is written again",
        )
    }

    @Test
    fun anExplicitNullIsKeptAndNotReplacedByTheDefault() {
        val doc = """{"id":"n","version":1,"assignee":null,"labels":[],"maxReplies":3}"""
        val read = SupportTicketSchema.INSTANCE.codec().decode(doc.toByteArray())
        assertNull(read.assignee)
        assertEquals(emptyList(), read.labels)
        assertEquals(3, read.maxReplies)
    }
}
