package dev.burrow.processor.ksp

import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * Kotlin sees the parameters of the generated API with their real nullness, never as platform
 * types: passing null where the component or the store does not take it is a compile error, and
 * a nullable component takes null without a warning (every warning is an error here), also one
 * whose type is nullable through a type alias.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KspNullnessTest {
    private val source = """
        typealias MaybeText = String?
        typealias MaybeInstant = Instant?
        typealias AlsoMaybeText = MaybeText
        typealias NullableList<T> = List<T?>
        typealias Grid<T> = List<List<T>>
        typealias NullableGrid<T> = Grid<T?>

        @Instance(name = "things")
        data class Thing(@InstanceId val id: String, @Version val version: Long, @Indexed val name: String,
            val tags: List<String>, @Indexed val note: String?, val alias: MaybeText, val due: MaybeInstant,
            val twice: AlsoMaybeText, val items: NullableList<String>, val grid: Grid<Int>, val sparse: NullableGrid<Int>)

        fun nulls(store: ThingStore, changes: ThingChanges) {
            store.get(null) // refused
            store.find(null) // refused
            store.update(null) { } // refused
            store.delete(null) // refused
            store.lock(null) // refused
            store.dirs(null) // refused
            changes.name(null) // refused
            changes.addTag(null) // refused
            changes.tags(null) // refused
            ThingChanges.of(null) // refused
            store.findByName(null, PageRequest.first(1)) // refused
            store.countByName(null) // refused
            ThingIndex.NAME.equalTo(null) // refused
            changes.note(null) // taken
            changes.note = null // taken
            changes.alias(null) // taken
            changes.alias = null // taken
            changes.due = null // taken
            changes.twice = null // taken
            changes.items = listOf(null, "a") // taken
            changes.grid = listOf(listOf(1)) // taken
            changes.sparse = listOf(listOf(null, 1)) // taken
            store.findByNote(null, PageRequest.first(1)) // taken
            store.streamByNote(null) // taken
            store.where(ThingIndex.NOTE.equalTo(null)).count() // taken
        }
        """.trimIndent()

    private val lines = KspCompilations.text(source).lines()

    private val errors by lazy {
        KspCompilations.compilerErrors(KspCompilations.compile(listOf(KspCompilations.kotlin("Nulls", source))), "Nulls.kt")
    }

    @ParameterizedTest
    @ValueSource(
        strings = [
            "store.get(", "store.find(", "store.update(", "store.delete(", "store.lock(", "store.dirs(",
            "changes.name(", "changes.addTag(", "changes.tags(", "ThingChanges.of(",
            "store.findByName(", "store.countByName(", "ThingIndex.NAME.equalTo(",
        ],
    )
    fun nullIsRefusedWhereTheApiDoesNotTakeIt(call: String) {
        val line = lines.indexOfFirst { call in it } + 1
        val messages = errors.filter { it.first == line }.map { it.second }
        assertTrue(messages.any { "Null cannot be a value of a non-null type" in it }, "$call: $messages")
    }

    @Test
    fun aNullableComponentTakesNull() {
        val taken = lines.indices.filter { "// taken" in lines[it] }.map { it + 1 }
        assertEquals(emptyList(), errors.filter { it.first in taken })
        assertEquals(lines.count { "// refused" in it }, errors.map { it.first }.distinct().size, "$errors")
    }
}
