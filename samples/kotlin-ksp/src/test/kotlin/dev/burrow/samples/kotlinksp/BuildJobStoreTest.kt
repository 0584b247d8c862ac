package dev.burrow.samples.kotlinksp

import dev.burrow.Durability
import dev.burrow.PageRequest
import dev.burrow.StoreOptions
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

class BuildJobStoreTest {
    @TempDir
    lateinit var dir: Path

    private fun open() = BuildJobStore.open(StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE))

    @Test
    fun aNewJobHasTheKotlinDefaultsAndAnExplicitDefaultWins() {
        open().use { store ->
            val job = store.create()
            assertEquals(Phase.QUEUED, job.phase)
            assertEquals("main", job.branch)
            assertEquals(3, job.maxAttempts)
            assertEquals(mapOf("CI" to "true"), job.env)
            assertEquals("${job.id}.tar.gz", job.artifact, "a default using another parameter")
            assertNull(job.failure)
            assertTrue(Files.isDirectory(store.dirs(job.id).workspace()))
            assertEquals(job, store.get(job.id))
        }
    }

    @Test
    fun changeBlocksUpdateAndTheJobReadsBack() {
        open().use { store ->
            val id = store.create("job-1") { it.branch = "release" }.id
            store.update(id) {
                it.phase = Phase.BUILDING
                it.attempts += 1
                it.steps += Step("compile", seconds = 42)
                it.env += "JDK" to "17"
            }
            val failed = store.update(id) {
                it.phase = Phase.FAILED
                it.failure = "tests failed"
            }
            assertEquals(3L, failed.version)
            assertEquals(listOf(Step("compile", 42)), failed.steps)
            assertEquals(mapOf("CI" to "true", "JDK" to "17"), failed.env)
            assertEquals(failed, store.get(id), "read back, nested Kotlin class and all")
            assertTrue(BuildJob::class.java.isRecord, "a @JvmRecord data class is a Java record")
        }
    }

    @Test
    fun theGeneratedFindersFindJobsByPhaseAndBranch() {
        open().use { store ->
            val main = store.create().id
            val release = store.create { it.branch = "release" }.id
            val building = store.update(store.create { it.branch = "release" }.id) { it.phase = Phase.BUILDING }.id

            assertEquals(listOf(release, main), store.findByPhase(Phase.QUEUED, PageRequest.first(10)).items.map { it.id })
            assertEquals(2L, store.countByBranch("release"))
            val queuedReleases = store.where(BuildJobIndex.BRANCH.equalTo("release"))
                .and(BuildJobIndex.PHASE.equalTo(Phase.QUEUED))
            assertEquals(listOf(release), queuedReleases.list().map { it.id })
            assertEquals(listOf(building), store.streamByPhase(Phase.BUILDING).map { it.id }.toList())
        }
    }

    @Test
    fun theProgramRunsAgainstTheGeneratedStore() {
        main(arrayOf(dir.toString()))
        open().use { store ->
            val jobs = store.list().associateBy { it.branch }
            assertEquals(Phase.PASSED, jobs.getValue("release").phase)
            assertEquals(2, jobs.getValue("release").attempts)
            assertEquals("tests failed", jobs.getValue("feature/login").failure)
            val artifact = store.dirs(jobs.getValue("release").id).artifacts().resolve(jobs.getValue("release").artifact)
            assertEquals("binary\n", Files.readString(artifact))
        }
    }
}
