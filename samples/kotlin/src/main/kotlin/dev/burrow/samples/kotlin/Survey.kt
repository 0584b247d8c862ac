package dev.burrow.samples.kotlin

import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.Version

/** A marker of API that may change; using [Scale] requires opting in to it. */
@RequiresOptIn
@Retention(AnnotationRetention.BINARY)
annotation class ExperimentalScale

/** A rating scale, still experimental. */
@ExperimentalScale
data class Scale(val steps: Int)

/**
 * A survey under kapt with a component of a type that requires opt-in, which the generated
 * `SurveyChanges.kt` opts in to, and components whose elements may be null, which the generated
 * Java code (checked by NullAway) holds as `List<@Nullable String>`.
 */
@OptIn(ExperimentalScale::class)
@Instance(name = "surveys")
data class Survey(
    @InstanceId val id: String,
    @Version val version: Long,
    val answers: List<String> = listOf(),
    val comments: List<String?> = listOf(),
    val ratings: Map<String, Int?> = mapOf(),
    val scale: Scale? = null,
)
