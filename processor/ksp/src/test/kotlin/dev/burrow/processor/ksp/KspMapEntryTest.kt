package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * A `Map.Entry` component, which Jackson 3 reads back as an `AbstractMap.SimpleEntry` equal to the
 * entry written, is accepted, and the Kotlin change property names it as Kotlin does.
 */
class KspMapEntryTest {
    private val source = """
        @Instance(name = "pairs")
        data class Pair(
            @InstanceId val id: String,
            @Version val version: Long,
            val entry: Map.Entry<String, Int>? = null,
        )

        fun roundTrip(): List<Any?> {
            val value = Pair("p-1", 0, java.util.AbstractMap.SimpleEntry("k", 3))
            val codec = PairSchema.INSTANCE.codec()
            return listOf(codec.decode(codec.encode(value)) == value)
        }
        """.trimIndent()

    @Test
    fun aMapEntryIsAcceptedAndReadBack() {
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Pair", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val roundTrip = result.classLoader.loadClass("test.PairKt").getMethod("roundTrip")
        assertEquals(listOf(true), roundTrip.invoke(null))
    }
}
