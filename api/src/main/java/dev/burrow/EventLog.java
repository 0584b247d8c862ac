package dev.burrow;

import java.nio.file.Path;

/**
 * The append-only event log of one instance: {@code <instance>/events/events.jsonl}, one JSON
 * object per line, mapped with Jackson. It lives on this host's disk and is removed with its
 * instance. Obtain it from the generated store's {@code events(id, type)}.
 *
 * <p><b>Appends never interleave.</b> Each append takes a cross-process lock (threads and processes
 * of this host) and writes its whole line with one {@code write} on an append-only channel; an
 * unfinished final line left by a crashed writer is cut off first. Under {@link Durability#FSYNC}
 * every append is flushed before it returns (one device flush per event), and the first of each
 * process to a log flushes the log's directory too. An append reported failed is cut off again
 * (under {@link Durability#FSYNC} durably); where that is not certain, the append says its outcome
 * is unknown ({@link OutcomeUnknownException}). On a backend shared by hosts, every append first
 * looks the instance up (on PostgreSQL, one read in the database), since another host may have
 * deleted it: an append never goes into a deleted instance's log.
 *
 * <p><b>Reads never fail on a torn line.</b> Reading never waits for a lock and returns the events
 * from a byte offset on, with the offset to resume from; a torn final line or a damaged line is
 * reported in {@link EventBatch#problems()} and skipped. A final line without its line end is
 * looked at again holding the log's lock, if that is free right now; while an append holds it (in
 * this process or another), the line is not yet an event: the read ends before it, with the next
 * offset at its start, and reports nothing. A read returns only lines that were appended, also
 * while an append cuts off a torn final line or its own failed line and writes in its place: the
 * log's last line, which an append in progress may still cut off, and the lines appended during the
 * read count only once looked at again holding the lock, taken the same way, so while appends
 * follow one another a read may end one line short of the log's end, even where that line's append,
 * in another process, has returned (a read cannot tell it from the line of the append holding the
 * lock, which has not written yet; a read returns every event appends of its own process
 * acknowledged); the next read returns that line once another follows it or no append holds the
 * lock.
 *
 * <p><b>An offset is in one instance's log.</b> An instance deleted and created again with the same
 * ID has a new log, whose lines may start where the old one's did. A log remembers which instance's
 * log its offsets are in (the one it was obtained for, then the one its last append or read handed
 * out offsets of; this log's and those {@link #withDurability} makes), and a read from an offset
 * into a deleted instance's log throws {@link InstanceNotFoundException} instead of reading the new
 * log from there. An import ({@code burrow import --dirs}) that replaces a live instance's log with
 * the export's puts another file in its place, whose lines may start there too: a log also
 * remembers, the same way, which log file its offsets are in, and a read from an offset into the
 * replaced one throws {@link IllegalArgumentException} (read the imported log from 0). A log cannot
 * tell an offset that another log, obtained after the delete or the import, handed out; and on a
 * file system that hands the deleted instance's freed directory inode to the new one, it cannot
 * tell the two apart either.
 *
 * <p><b>Bound to its store.</b> Once the store that handed out the log is closed, {@link #append},
 * {@link #read} and {@link #withDurability} throw {@link MisuseException} naming the closed store
 * and touch nothing, on every backend; an append that was waiting for the log's lock when the store
 * closed is refused once it holds it, before it writes. A call that got past that check before the
 * close runs to its end and reports its outcome as it is. {@link #file} keeps answering.
 *
 * <p>Thread-safe and cheap to obtain.
 *
 * @param <E> the event type; any type Jackson maps
 */
public interface EventLog<E> {

  /** The log file. */
  Path file();

  /** This log with another durability for appends; this one is unchanged. */
  EventLog<E> withDurability(Durability durability);

  /**
   * Appends {@code event} as one line.
   *
   * @return the byte offset at which the event's line starts
   * @throws IllegalArgumentException if Jackson cannot map the event to one line of JSON
   * @throws MisuseException if the JSON Jackson writes for the event does not read back as an
   *     {@code E} (a type without a creator Jackson can use, a Kotlin class without Jackson 3's
   *     Kotlin module), or its line would be longer than 16 MiB; nothing is appended
   * @throws LockTimeoutException if the log's lock is not free within the store's lock timeout
   * @throws InstanceNotFoundException if the instance was deleted since this log was obtained (an
   *     instance created again under its ID takes the event into its new log); nothing is appended
   * @throws CorruptEventException if the log file is not a regular file (a link, a FIFO, a socket,
   *     a device or a directory put in its place); it is not opened, nothing is appended
   * @throws StorageException if the write or the flush fails; the line is cut off again (under
   *     {@link Durability#FSYNC} durably, so the event does not come back after a power cut), so a
   *     retry does not store the event twice; also if the instance was deleted and created again
   *     while the append ran, and its new log could not be opened: nothing was written, and
   *     appending again takes the event into the new log
   * @throws OutcomeUnknownException if the whole line was written and its flush failed, and cutting
   *     it off again, or flushing that cut, failed too; or if the line was written and flushed but
   *     flushing the log's directory failed (done by each process's first durable append to a log):
   *     the line is not cut off then, readers see the event, and it may not survive a power cut; or
   *     if the line was written (and flushed) whole but closing the log failed. The event may be in
   *     the log; read the log before appending again
   */
  long append(E event);

  /**
   * Every event from {@code offset} on.
   *
   * @param offset 0, or an offset this log returned ({@link EventBatch#nextOffset()}, {@link
   *     LoggedEvent#nextOffset()}, {@link #append})
   * @throws IllegalArgumentException if {@code offset} is negative, past the end, or not the start
   *     of a line, or is not 0 and an import replaced the log file since this log handed it out
   *     (the offset is in the replaced file; read the imported log from 0)
   * @throws MisuseException if Jackson cannot read an {@code E} at all: its module does not open
   *     its package to Jackson databind, or it is a Kotlin class and Jackson 3's Kotlin module is
   *     missing (the message names the line or dependency to add); nothing is read
   * @throws InstanceNotFoundException if {@code offset} is not 0 and the instance was deleted since
   *     this log handed it out, also if one was created again with its ID since: the offset is in
   *     the deleted instance's log, not in the new one (read that from 0). From 0, a deleted
   *     instance's log reads as empty
   * @throws StorageException if the file cannot be read, or the OS refuses to look at the log's
   *     lock
   */
  EventBatch<E> read(long offset);

  /**
   * At most {@code maxEvents} events from {@code offset} on, for reading a long log in pages. A
   * batch's memory stays bounded whatever the log holds: it ends after {@code maxEvents} lines,
   * events and damaged lines together, or once its events add up to 8 MiB of JSON (it holds at
   * least one), so it may hold fewer events than asked for before the log's end. Read on from
   * {@link EventBatch#nextOffset()} until it no longer moves.
   *
   * @throws IllegalArgumentException if {@code offset} is not the start of a line in the log, or is
   *     not 0 and an import replaced the log file since this log handed it out (as {@link
   *     #read(long)}), or {@code maxEvents} is not positive
   * @throws MisuseException if Jackson cannot read {@code E} at all: its module does not open its
   *     package to Jackson databind, or it is a Kotlin class and Jackson 3's Kotlin module is
   *     missing (the message names the line or dependency to add); nothing is read
   * @throws InstanceNotFoundException if {@code offset} is not 0 and the instance was deleted since
   *     this log handed it out, also if one was created again with its ID since: the offset is in
   *     the deleted instance's log, not in the new one (read that from 0). From 0, a deleted
   *     instance's log reads as empty
   * @throws StorageException if the file cannot be read, or the OS refuses to look at the log's
   *     lock
   */
  EventBatch<E> read(long offset, int maxEvents);
}
