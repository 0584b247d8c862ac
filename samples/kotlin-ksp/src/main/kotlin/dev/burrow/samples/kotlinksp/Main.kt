package dev.burrow.samples.kotlinksp

import java.nio.file.Files
import java.nio.file.Path

/**
 * Queues two build jobs, builds one (retrying once), fails the other, and prints them. The data
 * root is the first argument, else a new temporary directory.
 */
fun main(args: Array<String>) {
    val dataDir = args.firstOrNull()?.let { Path.of(it) } ?: Files.createTempDirectory("build-jobs")
    BuildJobStore.open(dataDir).use { store ->
        val release = store.create { it.branch = "release" }
        val feature = store.create { it.branch = "feature/login" }
        repeat(2) {
            store.update(release.id) {
                it.phase = Phase.BUILDING
                it.attempts += 1
                it.steps += Step("compile", seconds = 42)
            }
        }
        Files.writeString(store.dirs(release.id).artifacts().resolve(release.artifact), "binary\n")
        store.update(release.id) { it.phase = Phase.PASSED }
        store.update(feature.id) {
            it.phase = Phase.FAILED
            it.failure = "tests failed"
        }
        for (job in store.list()) {
            println("${job.id} ${job.branch} ${job.phase} attempts=${job.attempts}/${job.maxAttempts} ${job.failure ?: ""}")
        }
    }
}
