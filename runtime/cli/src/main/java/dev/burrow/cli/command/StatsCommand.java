package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.runtime.internal.store.UnreadableShardException;
import dev.burrow.runtime.internal.transfer.ArchivedFiles;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow stats}: counts, sizes, the oldest and the newest instance. */
@Command(
    name = "stats",
    description = {
      "Counts instances and their bytes, and names the newest and the oldest (by their creation"
          + " time where the kind records one, else by ID, which Burrow's generated IDs order by"
          + " time).",
      "Counts the damaged instances too, the bytes of the documents and of the files in the"
          + " instance directories (the files export --dirs archives: not the documents"
          + " themselves). Reads every document. Names each damaged document (damaged: FILE: why),"
          + " and each document it may not read and each file or directory of an instance that"
          + " cannot be read (unreadable: FILE: why; a directory's files are not counted), and,"
          + " as fsck does, each link or other entry in place of a declared subdirectory, of the"
          + " event log or of a directory on its way (without reading the events: fsck checks"
          + " their lines); then exits 1. It names the first 1000 of them and says how many"
          + " more it met."
    })
public final class StatsCommand extends RootCommand {
  private static final int PAGE = 500;

  /** The most damaged or unreadable entries the command names; it counts the others. */
  private static final int MAX_NAMED = LsCommand.MAX_DAMAGED;

  /**
   * A document, file or directory of an instance that could not be read, or an entry in the wrong
   * place in its directory, and why.
   */
  private record Named(String location, String reason) {}

  private final List<CorruptInstanceException> damaged = new ArrayList<>();
  private final List<Named> unreadable = new ArrayList<>();

  /** Entries of {@code instances/} that are no instances ({@link StrayEntryException}). */
  private final List<CorruptInstanceException> strays = new ArrayList<>();

  /** Links and other entries where a declared subdirectory or the event log belongs. */
  private final List<Named> layout = new ArrayList<>();

  /** Hands on each page of instances read; a test deletes an instance through it. */
  UnaryOperator<Page<RawDocument>> pages = UnaryOperator.identity();

  /** How many damaged documents were met, named or not. */
  private long damagedCount;

  /** How many stray entries were met, named or not. */
  private long strayCount;

  /** How many damaged or unreadable entries were met beyond the first {@link #MAX_NAMED}. */
  private long notShown;

  private long instances;
  private long unreadableInstances;
  private long unreadableShards;
  private long documentBytes;
  private long directoryBytes;
  private long files;
  private @Nullable RawDocument newest;
  private @Nullable RawDocument oldest;

  @Override
  public Integer call() {
    try (DataRoot data = open()) {
      countAll(data);
      print(data);
    }
    return damaged.isEmpty() && unreadable.isEmpty() && layout.isEmpty() && strays.isEmpty()
        ? ExitCodes.OK
        : ExitCodes.DAMAGED;
  }

  /**
   * Reads and counts every instance under a progress line, which is cleared on return: what {@link
   * #print} writes then starts on a line of its own.
   */
  private void countAll(DataRoot data) {
    try (Progress progress =
        Progress.start(
            err(), "reading instances", Progress.Unit.COUNT, data::countEntries, !json)) {
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = pages.apply(data.page(request));
        for (CorruptInstanceException problem : page.problems()) {
          if (Damage.isUnreadable(problem)) {
            name(unreadable, new Named(problem.location(), Damage.reason(problem)));
            if (problem instanceof UnreadableShardException) {
              unreadableShards++;
            } else {
              unreadableInstances++;
            }
          } else if (problem instanceof UnreadableShardException) {
            unreadableShards++; // something other than a directory in its place
            name(damaged, problem);
          } else if (problem instanceof StrayEntryException) {
            strayCount++;
            name(strays, problem);
          } else {
            damagedCount++;
            name(damaged, problem);
          }
        }
        progress.advance(page.problems().size());
        for (RawDocument document : page.items()) {
          count(data, document);
          progress.advance(1);
        }
        request = page.next();
      }
    }
  }

  private void count(DataRoot data, RawDocument document) {
    instances++;
    documentBytes += document.json().length;
    // Documents come newest ID first: on a tie, or without creation times, that order decides.
    if (newest == null || compareCreated(document, newest) > 0) {
      newest = document;
    }
    if (oldest == null || compareCreated(document, oldest) <= 0) {
      oldest = document;
    }
    try {
      checkLayout(data, document.id());
      ArchivedFiles.visit(
          data.dirs(document.id()).root(),
          new ArchivedFiles.Visitor() {
            @Override
            public void file(Path file, BasicFileAttributes attributes) {
              files++;
              directoryBytes += attributes.size();
            }

            @Override
            public void unreadable(Path path, IOException failure) {
              name(unreadable, new Named(path.toString(), why(failure)));
            }
          });
    } catch (InstanceNotFoundException deletedMeanwhile) {
      // A writer deleted it since its page was read: no files of it are left to count.
    }
  }

  /**
   * Names what {@code fsck} would find in place of the instance's declared subdirectories and its
   * event log, without reading the log: a few {@code lstat}s per instance.
   */
  private void checkLayout(DataRoot data, String id) {
    for (Bookkeeping.Finding finding : data.places().checkSubdirectories(id)) {
      name(layout, new Named(finding.location().toString(), finding.reason()));
    }
    try {
      data.places().checkEventLogFile(id);
    } catch (CorruptEventException e) {
      name(Damage.isUnreadable(e) ? unreadable : layout, new Named(e.location(), Damage.reason(e)));
    }
  }

  /**
   * Keeps {@code found} in {@code list} to be named while fewer than {@link #MAX_NAMED} are, else
   * counts it, so that a root with any amount of damage is counted in bounded memory.
   */
  private <T> void name(List<T> list, T found) {
    if (damaged.size() + strays.size() + layout.size() + unreadable.size() < MAX_NAMED) {
      list.add(found);
    } else {
      notShown++;
    }
  }

  /**
   * How {@code a}'s creation time compares with {@code b}'s; 0 unless both have one (a user's IDs,
   * unlike Burrow's generated ones, say nothing of when an instance was made).
   */
  private static int compareCreated(RawDocument a, RawDocument b) {
    Instant first = created(a);
    Instant second = created(b);
    return first == null || second == null ? 0 : first.compareTo(second);
  }

  private static @Nullable Instant created(RawDocument document) {
    String createdAt = document.createdAt();
    if (createdAt == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(createdAt).toInstant(); // Instant's text form included
    } catch (DateTimeParseException notATime) {
      return null;
    }
  }

  /** Why a file or directory of an instance could not be read, for the damage line. */
  private static String why(IOException failure) {
    return Damage.unreadable(failure) + "; the files under it are not counted";
  }

  private void print(DataRoot data) {
    KindDescription kind = data.kind();
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("kind", kind.kind());
      result.put("root", data.path().toString());
      result.put("instances", instances).put("damaged", damagedCount);
      result.put("documentBytes", documentBytes);
      result.put("directoryBytes", directoryBytes).put("files", files);
      result.set("newest", summary(newest));
      result.set("oldest", summary(oldest));
      ArrayNode named = result.putArray("damagedInstances");
      damaged.forEach(problem -> named.add(Damage.json(problem)));
      ArrayNode notInstances = result.putArray("strays");
      strays.forEach(problem -> notInstances.add(Damage.json(problem)));
      ArrayNode misplaced = result.putArray("damagedFiles");
      layout.forEach(item -> misplaced.add(Damage.json(item.location(), item.reason())));
      ArrayNode unread = result.putArray("unreadable");
      unreadable.forEach(item -> unread.add(Damage.json(item.location(), item.reason())));
      result.put("damagedNotShown", notShown);
      out.println(Json.pretty(result));
      return;
    }
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    strays.forEach(problem -> out.println(Damage.line(problem)));
    layout.forEach(item -> out.println(Damage.line(item.location(), item.reason())));
    unreadable.forEach(item -> out.println(Damage.unreadableLine(item.location(), item.reason())));
    if (notShown > 0) {
      out.println(Damage.notShown(notShown, MAX_NAMED));
    }
    out.println(Printable.escaped("kind         " + kind.kind()));
    out.println(Printable.escaped("root         " + data.path()));
    List<String> alsoFound = new ArrayList<>();
    if (damagedCount > 0) {
      alsoFound.add(damagedCount + " damaged");
    }
    if (unreadableInstances > 0) {
      alsoFound.add(unreadableInstances + " unreadable");
    }
    if (unreadableShards > 0) {
      alsoFound.add(
          unreadableShards == 1
              ? "1 shard that cannot be listed: its instances are not counted"
              : unreadableShards
                  + " shards that cannot be listed: their instances are not counted");
    }
    if (strayCount > 0) {
      alsoFound.add(LeftOut.strays(strayCount));
    }
    out.println(
        "instances    "
            + instances
            + (alsoFound.isEmpty() ? "" : " (and " + String.join(", ", alsoFound) + ")"));
    out.println("documents    " + Sizes.human(documentBytes));
    out.println("directories  " + Sizes.human(directoryBytes) + " in " + Counts.of(files, "file"));
    out.println(Printable.escaped("newest       " + line(newest)));
    out.println(Printable.escaped("oldest       " + line(oldest)));
  }

  private static @Nullable ObjectNode summary(@Nullable RawDocument document) {
    if (document == null) {
      return null;
    }
    ObjectNode summary = Json.object().put("id", document.id());
    String createdAt = document.createdAt();
    if (createdAt != null) {
      summary.put("createdAt", createdAt);
    }
    return summary;
  }

  private static String line(@Nullable RawDocument document) {
    if (document == null) {
      return "-";
    }
    String createdAt = document.createdAt();
    return document.id() + (createdAt == null ? "" : "  created " + createdAt);
  }
}
