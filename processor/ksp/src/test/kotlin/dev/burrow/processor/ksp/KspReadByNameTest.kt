package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Components whose types are interfaces or abstract classes Jackson reads by name (JDK types it has
 * a reader for, an interface annotated `@JsonTypeInfo`, with or without `@JsonSubTypes` if sealed)
 * are accepted, and read back equal.
 */
class KspReadByNameTest {
    private val placement = """
        import com.fasterxml.jackson.annotation.JsonSubTypes
        import com.fasterxml.jackson.annotation.JsonTypeInfo
        import java.util.TimeZone

        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
        @JsonSubTypes(JsonSubTypes.Type(value = Circle::class, name = "circle"), JsonSubTypes.Type(value = Square::class, name = "square"))
        sealed interface Shape

        data class Circle(val radius: Int) : Shape

        data class Square(val side: Int) : Shape

        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
        sealed interface Mark

        data class Dot(val size: Int) : Mark

        sealed class Stroke : Mark

        data class Line(val length: Int) : Stroke()

        data object Blank : Mark

        @Instance(name = "placements")
        data class Placement(
            @InstanceId val id: String,
            @Version val version: Long,
            val zone: ZoneId?,
            val zones: List<ZoneId> = emptyList(),
            val timeZone: TimeZone?,
            val amount: Number?,
            val label: CharSequence?,
            val shape: Shape?,
            val shapes: List<Shape> = emptyList(),
            val marks: List<Mark> = emptyList(),
        )

        fun roundTrip(): List<Any?> {
            val value = Placement(
                "p-1", 0, ZoneId.of("Europe/Paris"), listOf(ZoneId.of("UTC")), TimeZone.getTimeZone("Asia/Tokyo"),
                42, "label", Circle(3), listOf(Square(2), Circle(1)), listOf(Dot(4), Line(7), Blank),
            )
            val codec = PlacementSchema.INSTANCE.codec()
            return listOf(codec.decode(codec.encode(value)) == value)
        }
    """.trimIndent()

    @Test
    fun interfacesJacksonReadsByNameAreReadBack() {
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Placement", placement)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val roundTrip = result.classLoader.loadClass("test.PlacementKt").getMethod("roundTrip")
        assertEquals(listOf(true), roundTrip.invoke(null))
    }
}
