package dev.burrow.samples.kotlinksp

import dev.burrow.CreatedAt
import dev.burrow.Default
import dev.burrow.Indexed
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.UpdatedAt
import dev.burrow.Version
import java.time.Instant

/** Where a build job is. */
enum class Phase { QUEUED, BUILDING, PASSED, FAILED }

/** One step of a build: a nested Kotlin class, which Jackson reads back with its Kotlin module. */
data class Step(val name: String, val seconds: Long = 0)

/**
 * One build job: a Kotlin record, which KSP processes (kapt cannot) into BuildJobStore. Its
 * Kotlin defaults are what a new job gets; `@Default` wins where both are given. The store finds
 * jobs by phase and by branch.
 */
@Instance(name = "build-jobs", subdirectories = ["workspace", "artifacts"])
@JvmRecord
data class BuildJob(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    @Indexed @Default("QUEUED") val phase: Phase,
    @Indexed val branch: String = "main",
    val attempts: Int = 0,
    val maxAttempts: Int = 3,
    val steps: List<Step> = emptyList(),
    val env: Map<String, String> = mapOf("CI" to "true"),
    val artifact: String = "$id.tar.gz",
    val failure: String?,
)
