package dev.burrow.samples.kotlin

import dev.burrow.Durability
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Under kapt, a component type that requires opt-in gets change properties that compile, and null
 * elements of a `List<String?>` and values of a `Map<String, Int?>` are stored and read back.
 */
@OptIn(ExperimentalScale::class)
class SurveyTest {
    @TempDir
    lateinit var dir: Path

    private fun open() = SurveyStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE))

    @Test
    fun anOptInTypeIsSetInAChangeBlockAndReadBack() {
        val answers = listOf("yes", "no")
        open().use { store ->
            store.create("s") {
                it.answers = answers
                it.scale = Scale(5)
            }
        }
        open().use { store ->
            val read = store.get("s")
            assertEquals(answers, read.answers)
            assertEquals(Scale(5), read.scale)
        }
    }

    @Test
    fun nullElementsAreStoredAndReadBack() {
        val comments = listOf("fine", null)
        val ratings = mapOf("speed" to 4, "price" to null)
        open().use { store ->
            store.create("n") {
                it.comments = comments
                it.ratings = ratings
            }
        }
        open().use { store ->
            val read = store.get("n")
            assertEquals(comments, read.comments)
            assertEquals(ratings, read.ratings)
            store.update("n") { it.comments = it.comments + null }
            assertEquals(listOf("fine", null, null), store.get("n").comments)
        }
    }
}
