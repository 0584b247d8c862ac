package dev.burrow.processor.ksp

import dev.burrow.runtime.StoreEngine
import org.junit.jupiter.api.TestInstance
import tools.jackson.module.kotlin.KotlinModule
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * What the compile class path lacks is reported on the class or component that needs it: the
 * runtime, which every generated store uses, and Jackson 3's Kotlin module, without which Jackson
 * writes a Kotlin class but cannot read it back (a Kotlin record needs no module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KspClassPathDiagnosticsTest {
    private val source = """
        @Instance(name = "plain")
        data class Plain(@InstanceId val id: String, @Version val version: Long)

        @Instance(name = "holders")
        data class Holder(
            @InstanceId val id: String,
            @Version val version: Long,
            val agents: List<Agent> = emptyList(),
            val point: Point? = null,
            val carrier: Carrier? = null,
            val shape: Shape? = null,
        )

        data class Agent(val name: String)

        @JvmRecord
        data class Point(val x: Int)

        @JvmRecord
        data class Carrier(val agent: Agent)

        @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)
        @com.fasterxml.jackson.annotation.JsonSubTypes(com.fasterxml.jackson.annotation.JsonSubTypes.Type(Circle::class))
        sealed interface Shape

        data class Circle(val radius: Int) : Shape
        """.trimIndent()

    private val result by lazy {
        KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", source)),
            without = listOf(StoreEngine::class.java, KotlinModule::class.java),
        )
    }

    private fun lineOf(text: String) = KspCompilations.text(source).lines().indexOfFirst { text in it } + 1

    @Test
    fun theRuntimeMissingIsReportedOnEveryClass() {
        val errors = KspCompilations.errors(result, "Holder.kt")
        assertEquals(
            "burrow-runtime is not on the compile class path, but the code generated for Plain uses it; add " +
                "the dependency dev.burrow:burrow-runtime",
            errors.single { it.first == lineOf("data class Plain") }.second,
        )
    }

    @Test
    fun jacksonsKotlinModuleMissingIsReportedOnTheComponentNamingTheArtifact() {
        val errors = KspCompilations.errors(result, "Holder.kt")
        assertEquals(
            listOf(
                "component 'agents' stores the Kotlin class test.Agent, which Jackson reads back only with " +
                    "Jackson 3's Kotlin module; add the dependency tools.jackson.module:jackson-module-kotlin " +
                    "(its version is in Jackson's BOM)",
            ),
            errors.filter { it.first == lineOf("val agents") }.map { it.second },
        )
        assertEquals(emptyList(), errors.filter { it.first == lineOf("val point") }, "a Kotlin record needs no module")
        assertEquals(
            listOf(
                "component 'carrier' stores the Kotlin class test.Agent, which Jackson reads back only with " +
                    "Jackson 3's Kotlin module; add the dependency tools.jackson.module:jackson-module-kotlin " +
                    "(its version is in Jackson's BOM)",
            ),
            errors.filter { it.first == lineOf("val carrier") }.map { it.second },
            "nor does a record, but the Kotlin class it holds does",
        )
        assertEquals(
            listOf(
                "component 'shape' stores the Kotlin class test.Circle, which Jackson reads back only with " +
                    "Jackson 3's Kotlin module; add the dependency tools.jackson.module:jackson-module-kotlin " +
                    "(its version is in Jackson's BOM)",
            ),
            errors.filter { it.first == lineOf("val shape") }.map { it.second },
            "nor does an interface annotated @JsonTypeInfo, but the Kotlin subtype @JsonSubTypes lists does",
        )
    }
}
