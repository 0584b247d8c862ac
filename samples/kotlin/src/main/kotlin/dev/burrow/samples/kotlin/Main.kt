package dev.burrow.samples.kotlin

import java.nio.file.Files
import java.nio.file.Path

/**
 * Opens the generated store, creates a few chat sessions, updates them with typed changes,
 * lists them and deletes the closed ones. The data root is the first argument, else a new
 * temporary directory.
 */
fun main(args: Array<String>) {
    val dataDir = args.firstOrNull()?.let { Path.of(it) } ?: Files.createTempDirectory("chat-sessions")
    ChatSessionStore.open(dataDir).use { store ->
        val support = store.create()
        val sales = store.create()
        store.update(support.id) { it.title("Printer on fire").addTag("support").turns(it.turns() + 1) }
        store.update(sales.id) { it.state(State.WAITING).addTag("sales") }
        Files.writeString(store.dirs(support.id).transcripts().resolve("1.txt"), "Have you tried water?\n")
        store.update(support.id) { it.state(State.CLOSED) }

        for (session in store.list()) {
            val title = session.title ?: "(untitled)"
            println("${session.id} ${session.state} v${session.version} $title ${session.tags}")
        }
        store.list().filter { it.state == State.CLOSED }.forEach { store.delete(it.id) }
        println("${store.list().size} open session(s) left in $dataDir")
    }
}
