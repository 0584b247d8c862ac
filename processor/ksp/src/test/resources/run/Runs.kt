package test

import dev.burrow.CreatedAt
import dev.burrow.Default
import dev.burrow.Durability
import dev.burrow.Indexed
import dev.burrow.Instance
import dev.burrow.InstanceId
import dev.burrow.PageRequest
import dev.burrow.StoreOptions
import dev.burrow.UpdatedAt
import dev.burrow.Version
import java.nio.file.Path
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset

enum class Status { PENDING, RUNNING, DONE }

data class Agent(val name: String, val languages: List<String> = listOf("en"))

/**
 * Kotlin defaults of every kind, a nested Kotlin class, nullness, an `isX` Boolean, and a property
 * of the body, which is not stored.
 */
@Instance(name = "runs", subdirectories = ["logs"])
data class Run(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    @Default("PENDING") val status: Status = Status.DONE,
    val retries: Int = 3,
    val tags: List<String> = listOf("new"),
    val startedAtMillis: Long = System.currentTimeMillis(),
    val logName: String = "$id.log",
    val params: Map<String, String> = emptyMap(),
    val agent: Agent? = null,
    val note: String?,
    val isUrgent: Boolean = false,
) {
    val label get() = "$id:$status"
}

/** A Kotlin record, which kapt cannot process. */
@Instance(name = "points")
@JvmRecord
data class Point(@InstanceId val id: String, @Version val version: Long, val x: Int = 1, val y: Int = x + 1) {
    val sum get() = x + y
}

/**
 * Properties named like Java keywords, which Kotlin allows: the generated Java members get a
 * trailing `_` (`long_()`), the Kotlin change properties and the JSON fields keep the names.
 */
@Instance(name = "places")
data class Place(
    @InstanceId val id: String,
    @Version val version: Long,
    val long: Double = 0.0,
    @Indexed val default: String = "home",
    val new: Boolean = true,
    val native: List<String> = emptyList(),
    val yield: Int = 0,
)

/** A Kotlin record holding a plain Kotlin class, which Jackson reads only with its Kotlin module. */
@JvmRecord
data class Carrier(val agent: Agent)

/** More components than one defaults mask holds (32): the class's constructor takes two masks. */
@Instance(name = "wide")
data class Wide(
    @InstanceId val id: String,
    @Version val version: Long,
    val p2: Int = 2 * 10,
    val p3: Int = 3 * 10,
    val p4: Int = 4 * 10,
    val p5: Int = 5 * 10,
    val p6: Int = 6 * 10,
    val p7: Int = 7 * 10,
    val p8: Int = 8 * 10,
    val p9: Int = 9 * 10,
    val p10: Int = 10 * 10,
    val p11: Int = 11 * 10,
    val p12: Int = 12 * 10,
    val p13: Int = 13 * 10,
    val p14: Int = 14 * 10,
    val p15: Int = 15 * 10,
    val p16: Int = 16 * 10,
    val p17: Int = 17 * 10,
    val p18: Int = 18 * 10,
    val p19: Int = 19 * 10,
    val p20: Int = 20 * 10,
    val p21: Int = 21 * 10,
    val p22: Int = 22 * 10,
    val p23: Int = 23 * 10,
    val p24: Int = 24 * 10,
    val p25: Int = 25 * 10,
    val p26: Int = 26 * 10,
    val p27: Int = 27 * 10,
    val p28: Int = 28 * 10,
    val p29: Int = 29 * 10,
    val p30: Int = 30 * 10,
    val p31: Int = 31 * 10,
    val p32: Int = 32 * 10,
    val p33: Int = 33 * 10,
    val p34: Int = 34 * 10,
    val p35: Int = 35 * 10,
)

/** A class nested in another: its generated classes are named `Fleet_Ship...`. */
class Fleet {
    @Instance(name = "ships")
    data class Ship(@InstanceId val id: String, @Version val version: Long, val name: String = "unnamed")
}

/** Kotlin defaults that refer to the properties Burrow manages: the version and the timestamps. */
@Instance(name = "stamped")
data class Stamped(
    @InstanceId val id: String,
    @Version val version: Long,
    @CreatedAt val createdAt: Instant,
    @UpdatedAt val updatedAt: Instant,
    val versionSeen: Long = version,
    val createdText: String = "$createdAt",
    val updatedSeen: Instant = updatedAt,
)

@Instance(name = "deep")
data class Deep(@InstanceId val id: String, @Version val version: Long, val carrier: Carrier?)

/** Nullable elements and map values, which the element type allows, of scalar and of class types. */
@Instance(name = "sparse")
data class Sparse(
    @InstanceId val id: String,
    @Version val version: Long,
    val aliases: List<String?> = listOf(null),
    val notes: Map<String, String?> = emptyMap(),
    val steps: List<Step?> = listOf(),
    val agents: Map<String, Agent?> = emptyMap(),
) {
    data class Step(val name: String)
}

private fun options(dir: Path) = StoreOptions.defaults().withDataRoot(dir).withDurability(Durability.NONE)

/** The values the test checks, with the id and the current time left out. */
private fun Run.summary(): List<Any?> =
    listOf(version, status, retries, tags, logName == "$id.log", params, agent, note, isUrgent)

fun createUpdateReadBack(dir: Path): List<Any?> =
    RunStore.open(options(dir)).use { store ->
        val id = store.create { it.note = "first" }.id
        store.update(id) {
            it.status = Status.RUNNING
            it.retries += 1
            it.tags += "picked"
            it.params += "branch" to "main"
            it.agent = Agent("Ada")
            it.isUrgent(true)
        }
        store.get(id).summary()
    }

fun freshDefaults(dir: Path): List<Any?> =
    RunStore.open(options(dir)).use { store ->
        val before = System.currentTimeMillis()
        val first = store.create()
        val second = store.create()
        val after = System.currentTimeMillis()
        first.summary() + listOf(
            first.startedAtMillis in before..after,
            second.logName == "${second.id}.log",
            store.get(first.id).label == "${first.id}:PENDING",
            first.tags !== second.tags,
            store.dirs(first.id).logs().toFile().isDirectory,
        )
    }

fun readOldDocument(json: String): List<Any?> =
    RunSchema.INSTANCE.codec().decode(json.toByteArray()).let { listOf(it.id, it.logName) + it.summary() }

fun pointCreateUpdateReadBack(dir: Path): List<Any?> =
    PointStore.open(options(dir)).use { store ->
        val created = store.create("p")
        val moved = store.update("p") { it.x = 5 }
        listOf(created.x, created.y, moved.x, moved.y, store.get("p").sum, store.get("p") == moved, Point::class.java.isRecord)
    }

fun optimisticCompareAndSet(dir: Path): List<Any?> =
    RunStore.open(options(dir)).use { store ->
        val run = store.create("r")
        val done = store.updateOptimistic("r") { it.status = Status.DONE }
        val stale = RunChanges.of(run).note("stale").build()
        val refused = runCatching { store.compareAndSet(stale) }.exceptionOrNull()?.javaClass?.simpleName
        val current = store.compareAndSet(RunChanges.of(done).note("current").build())
        listOf(done.status, refused, current.note, current.version, store.list().map { it.id })
    }

fun keywordsCreateUpdateReadBack(dir: Path): List<Any?> =
    PlaceStore.open(options(dir)).use { store ->
        val id = store.create { it.long = 13.25 }.id
        store.update(id) {
            it.default = "work"
            it.new = false
            it.native += "en"
            it.yield = 2
        }
        val changed = store.update(id) { it.long_(it.long + 1) }
        val old = """{"id":"old","version":4,"long":-3.5,"default":"away","new":false,"native":["fr"],"yield":9}"""
        val read = PlaceSchema.INSTANCE.codec().decode(old.toByteArray())
        listOf(
            changed.long, changed.default, changed.new, changed.native, changed.yield,
            store.get(id) == changed,
            store.findByDefault("work", PageRequest.first(10)).items.map { it.id } == listOf(id),
            listOf(read.long, read.default, read.new, read.native, read.yield),
            listOf(PlaceSchema.LONG, PlaceSchema.DEFAULT, PlaceSchema.NEW, PlaceSchema.NATIVE, PlaceSchema.YIELD),
        )
    }

fun deepCreateReadBack(dir: Path): List<Any?> =
    DeepStore.open(options(dir)).use { store ->
        val id = store.create { it.carrier = Carrier(Agent("Ada")) }.id
        listOf(store.get(id).carrier)
    }

fun sparseCreateReopenReadBack(dir: Path): List<Any?> {
    val id = SparseStore.open(options(dir)).use { store ->
        store.create {
            it.aliases += "a"
            it.notes += "k" to null
            it.steps += listOf(Sparse.Step("s"), null)
            it.agents += "a" to null
        }.id
    }
    return SparseStore.open(options(dir)).use { store ->
        store.get(id).let { listOf(it.aliases, it.notes, it.steps.map { step -> step?.name }, it.agents) }
    }
}

fun nestedCreateUpdateReadBack(dir: Path): List<Any?> =
    Fleet_ShipStore.open(options(dir)).use { store ->
        val id = store.create { it.name = "Vasa" }.id
        store.update(id) { it.name += "!" }
        listOf(store.get(id).name, Fleet_ShipSchema.INSTANCE.fresh("x").name, Fleet_ShipChanges::class.simpleName)
    }

fun wideDefaults(dir: Path): List<Any?> =
    WideStore.open(options(dir)).use { store ->
        val created = store.create("w")
        val old = WideSchema.INSTANCE.codec().decode("""{"id":"o","version":1,"p2":-2,"p35":-35}""".toByteArray())
        listOf(created.p2, created.p31, created.p32, created.p33, created.p35, old.p2, old.p32, old.p35)
    }

fun managedDefaults(dir: Path): List<Any?> {
    val clock = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC)
    return StampedStore.open(options(dir).withClock(clock)).use { store ->
        val created = store.create("s")
        val readBack = store.get("s") == created
        val updated = store.update("s") { }
        val old = """{"id":"o","version":4,"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-02-01T00:00:00Z"}"""
        val read = StampedSchema.INSTANCE.codec().decode(old.toByteArray())
        listOf(
            listOf(created.version, created.versionSeen, created.createdText, created.updatedSeen),
            readBack,
            listOf(updated.version, updated.versionSeen),
            listOf(read.versionSeen, read.createdText, read.updatedSeen),
        )
    }
}
