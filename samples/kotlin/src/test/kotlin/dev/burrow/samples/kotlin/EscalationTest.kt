package dev.burrow.samples.kotlin

import dev.burrow.test.TempStore
import kotlin.test.Test
import kotlin.test.assertEquals

/** The store of an internal class, used from its module with the internal change properties. */
class EscalationTest {
    @TempStore
    lateinit var store: EscalationStore

    @Test
    fun anInternalClassIsChangedInABlockAndReadsBack() {
        val created = store.create { it.ticketId = "t-1" }
        assertEquals(Severity.MINOR, created.severity, "the Kotlin default")
        assertEquals("first line", created.handledBy, "the Kotlin default of an internal property")
        val raised = store.update(created.id) {
            it.severity = Severity.MAJOR
            it.handledBy = "second line"
        }
        assertEquals(Escalation(created.id, 2L, "t-1", Severity.MAJOR, "second line"), raised)
        assertEquals(raised, store.get(created.id))
    }
}
