package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * A component type that requires opt-in gives generated Kotlin that opts in too: its change
 * properties name the type, and Kotlin refuses them otherwise ("This declaration needs opt-in").
 */
class KspOptInTest {
    @Test
    fun theChangePropertiesOptInToTheMarkersOfTheClassAndOfItsComponentTypes() {
        val result = KspCompilations.compile(
            listOf(
                KspCompilations.kotlin(
                    "Marks",
                    """
                    @RequiresOptIn
                    annotation class Beta
                    @RequiresOptIn
                    annotation class Gamma
                    @Beta
                    data class Point(val x: Int)
                    class Outer {
                        @Gamma
                        class Tag(val name: String)
                    }
                    @OptIn(Beta::class, Gamma::class)
                    @Instance(name = "marks")
                    data class Mark(
                        @InstanceId val id: String,
                        @Version val version: Long,
                        val point: Point? = null,
                        val tags: Map<String, List<Outer.Tag>> = mapOf(),
                    )
                    """.trimIndent(),
                ),
            ),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
    }
}
