package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.PageRequest
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.nio.file.Path
import java.time.Duration
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Kotlin sees the generated Java API with real nullness: no platform type (`T!`, whose nullness
 * Kotlin does not know) in any result. `typeOf` of what an expression infers prints a platform
 * type with `!`. (Java collections stay `(Mutable)List`: mutable or not, never null.) Parameters
 * are checked by the KSP processor's tests, which compile calls that pass null.
 */
class GeneratedApiTypesTest {
    @TempDir
    lateinit var dir: Path

    // The value only fixes T; reading it would not change what T is.
    @Suppress("UNUSED_PARAMETER")
    private inline fun <reified T> typeOfValue(value: T): KType = typeOf<T>()

    private fun assertTypes(vararg expected: Pair<KType, String>) {
        for ((type, text) in expected) {
            assertEquals(text, type.toString().replace(" (Kotlin reflection is not available)", ""))
        }
    }

    @Test
    fun storeMethodsHaveNoPlatformTypes() {
        ChatSessionStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)).use { store ->
            val id = store.create().id
            val export = ByteArrayOutputStream()
            val session = "dev.burrow.samples.kotlin.ChatSession"
            assertTypes(
                typeOfValue(store.create { it.turns(1) }) to session,
                typeOfValue(store.get(id)) to session,
                typeOfValue(store.find(id)) to "java.util.Optional<$session>",
                typeOfValue(store.update(id) { it.turns(2) }) to session,
                typeOfValue(store.updateOptimistic(id) { it.turns(3) }) to session,
                typeOfValue(store.list()) to "kotlin.collections.(Mutable)List<$session>",
                typeOfValue(store.list(PageRequest.first(10))) to "dev.burrow.Page<$session>",
                typeOfValue(store.stream()) to "java.util.stream.Stream<$session>",
                typeOfValue(store.scan()) to "dev.burrow.Listing<$session>",
                typeOfValue(store.dirs(id).transcripts()) to "java.nio.file.Path",
                typeOfValue(store.events(id, String::class.java)) to "dev.burrow.EventLog<kotlin.String>",
                typeOfValue(store.sessions { "prepared" }) to "dev.burrow.SessionFactory<$session, kotlin.String>",
                typeOfValue(store.lock(id)) to "dev.burrow.InstanceLock",
                store.lock(id, Duration.ofSeconds(1)).use { typeOfValue(it) } to "dev.burrow.InstanceLock",
                store.lockAll(listOf(id)).use { typeOfValue(it) } to "dev.burrow.InstanceLock",
                typeOfValue(store.create("chosen")) to session,
                typeOfValue(store.create("chosen-too") { it.turns(1) }) to session,
                typeOfValue(store.compareAndSet(store.get(id))) to session,
                typeOfValue(store.files(id)) to "dev.burrow.InstanceFiles",
                typeOfValue(store.shared()) to "dev.burrow.SharedFiles",
                typeOfValue(store.options()) to "dev.burrow.StoreOptions",
                typeOfValue(store.prune { false }) to "dev.burrow.PruneReport",
                typeOfValue(store.deleteOlderThan(Duration.ofDays(1))) to "dev.burrow.PruneReport",
                typeOfValue(store.exportTo(export)) to "dev.burrow.ExportSummary",
                typeOfValue(store.importFrom(ByteArrayInputStream(export.toByteArray()))) to "dev.burrow.ImportSummary",
                typeOfValue(store.delete(id)) to "kotlin.Boolean",
            )
        }
    }

    @Test
    fun findersHaveNoPlatformTypes() {
        SupportTicketStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)).use { store ->
            val ticket = "dev.burrow.samples.kotlin.SupportTicket"
            val priority = "dev.burrow.samples.kotlin.Priority"
            val query = store.where(SupportTicketIndex.PRIORITY.equalTo(Priority.HIGH))
            assertTypes(
                typeOfValue(store.findByPriority(Priority.HIGH, PageRequest.first(10))) to "dev.burrow.Page<$ticket>",
                typeOfValue(store.findBySubject(null, PageRequest.first(10))) to "dev.burrow.Page<$ticket>",
                typeOfValue(store.streamBySubject("a")) to "java.util.stream.Stream<$ticket>",
                typeOfValue(store.countByPriority(Priority.LOW)) to "kotlin.Long",
                typeOfValue(SupportTicketIndex.PRIORITY) to "dev.burrow.IndexedField<$ticket, $priority>",
                typeOfValue(SupportTicketIndex.SUBJECT) to "dev.burrow.IndexedField<$ticket, kotlin.String?>",
                typeOfValue(SupportTicketIndex.SUBJECT.equalTo(null)) to "dev.burrow.Condition<$ticket>",
                typeOfValue(query) to "dev.burrow.Query<$ticket>",
                typeOfValue(query.and(SupportTicketIndex.SUBJECT.equalTo(null))) to "dev.burrow.Query<$ticket>",
                typeOfValue(query.list()) to "kotlin.collections.(Mutable)List<$ticket>",
                typeOfValue(query.list(PageRequest.first(1))) to "dev.burrow.Page<$ticket>",
                typeOfValue(query.stream()) to "java.util.stream.Stream<$ticket>",
                typeOfValue(query.count()) to "kotlin.Long",
            )
        }
    }

    @Test
    fun changesHaveTheComponentsNullness() {
        val changes = SupportTicketChanges.of(SupportTicketSchema.INSTANCE.fresh("a"))
        val ticket = "dev.burrow.samples.kotlin.SupportTicket"
        assertTypes(
            typeOfValue(changes.subject()) to "kotlin.String?",
            typeOfValue(changes.subject) to "kotlin.String?",
            typeOfValue(changes.assignee()) to "dev.burrow.samples.kotlin.Agent?",
            typeOfValue(changes.priority()) to "dev.burrow.samples.kotlin.Priority",
            typeOfValue(changes.maxReplies()) to "kotlin.Int",
            typeOfValue(changes.labels()) to "kotlin.collections.(Mutable)List<kotlin.String>",
            typeOfValue(changes.labels) to "kotlin.collections.List<kotlin.String>",
            typeOfValue(changes.build()) to ticket,
            typeOfValue(SupportTicketSchema.INSTANCE.fresh("b")) to ticket,
        )
    }
}
