package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.PageRequest;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.cli.root.Documents;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow ls}: instances newest first, one page at a time, optionally filtered. */
@Command(
    name = "ls",
    description = {
      "Lists instances, newest first, a page at a time.",
      "The last line says how to get the next page.",
      "Damaged instances are listed with their file and why (damaged: FILE: why), and so are"
          + " those it may not read (unreadable: FILE: it cannot be read: permission denied); the"
          + " listing goes on past them, and the command exits 1. A page names the first 1000"
          + " of them and says how many more it met."
    })
public final class LsCommand extends RootCommand {
  /** The value {@code --where} gives for a null field, or one the document lacks. */
  private static final String NULL = "null";

  /** The most damage reports one page names; it counts the others. */
  static final int MAX_DAMAGED = 1000;

  private static final Pattern DECIMAL =
      Pattern.compile("-?[0-9]+(\\.[0-9]+)?[eE][-+]?[0-9]+|-?[0-9]+\\.[0-9]+");

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Instances per page (default: ${DEFAULT-VALUE}, at most 10000).")
  int limit;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Start after this cursor (printed at the end of the previous page).")
  @Nullable String after;

  @Option(
      names = "--where",
      paramLabel = "FIELD=VALUE",
      description =
          "Only instances whose top-level FIELD is VALUE (text as is; numbers, booleans, null,"
              + " lists and maps as compact JSON writes them); repeat to require several (one"
              + " FIELD with two values is refused). Where FIELD is @Indexed and"
              + " its index under .burrow/indexes/ is complete, only the documents the index names"
              + " are read (each checked against every --where; damaged ones among them are"
              + " listed); otherwise, and for a decimal VALUE or null (which a document without"
              + " FIELD matches too), every document is read. Where"
              + " the root records its documents' shape, a FIELD they do not have, or a VALUE"
              + " its type cannot hold (attempts=abc or 99999999999 for an int,"
              + " createdAt=yesterday for an instant, FAILED for a list), is refused (exit 2).")
  List<String> where = new ArrayList<>();

  @Override
  public Integer call() {
    if (limit < 1 || limit > PageRequest.MAX_SIZE) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--limit must be 1 to " + PageRequest.MAX_SIZE + ", is " + limit);
    }
    Map<String, String> filters = filters();
    SortKey start = start();
    Shown shown = new Shown(filters);
    String next;
    try (DataRoot data = open()) {
      String refused = WhereFields.refusal(data.kind(), filters);
      if (refused != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), refused);
      }
      Iterator<String> hits = filters.isEmpty() ? null : data.indexed(valueNames(filters), start);
      next = hits == null ? scan(data, start, shown) : verify(data, hits, shown);
      print(data, shown, next);
    }
    return shown.damaged.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  /** Where {@code --after} starts, or null for the first page. */
  private @Nullable SortKey start() {
    String cursor = after;
    if (cursor == null) {
      return null;
    }
    try {
      return SortKey.fromCursor(cursor);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--after takes the cursor a page ends with (next page: add --after CURSOR), not '"
              + cursor
              + "'");
    }
  }

  /** Reads every document after {@code start}; returns the next page's cursor, or null. */
  private @Nullable String scan(DataRoot data, @Nullable SortKey start, Shown shown) {
    Iterator<RawDocument> walk = data.walk(start, shown::damaged);
    while (walk.hasNext()) {
      if (!shown.offer(walk.next())) {
        return shown.cursor();
      }
    }
    shown.end();
    return null;
  }

  /**
   * Reads only the documents a complete index names, each verified against every filter (an entry
   * is a hint: its document may have moved on); returns the next page's cursor, or null.
   */
  private @Nullable String verify(DataRoot data, Iterator<String> hits, Shown shown) {
    while (hits.hasNext()) {
      Optional<RawDocument> document;
      try {
        document = data.find(hits.next());
      } catch (CorruptInstanceException e) {
        shown.damaged(e);
        continue;
      }
      if (document.isPresent() && !shown.offer(document.get())) {
        return shown.cursor();
      }
    }
    shown.end();
    return null;
  }

  /**
   * What one page shows: the first {@code --limit} matching documents, and the damage met up to the
   * last of them. Damage met after the page is full is on the next page, which starts after the
   * page's last document, if another match follows; if none does, there is no next page and it is
   * on this one. So a damaged instance is listed on the one page where it falls, never on every
   * page before it. Only the first {@link #MAX_DAMAGED} reports of the page are kept, the others
   * counted, so that a root with any amount of damage lists in bounded memory.
   */
  private final class Shown {
    final List<RawDocument> documents = new ArrayList<>();
    final List<CorruptInstanceException> damaged = new ArrayList<>();
    private final List<CorruptInstanceException> afterTheLast = new ArrayList<>();
    private long damagedNotShown;
    private long afterTheLastNotShown;
    private final Map<String, String> filters;

    Shown(Map<String, String> filters) {
      this.filters = filters;
    }

    void damaged(CorruptInstanceException problem) {
      if (documents.size() < limit) {
        if (damaged.size() < MAX_DAMAGED) {
          damaged.add(problem);
        } else {
          damagedNotShown++;
        }
      } else if (damaged.size() + afterTheLast.size() < MAX_DAMAGED) {
        afterTheLast.add(problem);
      } else {
        afterTheLastNotShown++;
      }
    }

    /** Takes {@code document} if it matches; false if it matches and the page is full. */
    boolean offer(RawDocument document) {
      if (!matches(document, filters)) {
        return true;
      }
      if (documents.size() == limit) {
        return false;
      }
      documents.add(document);
      return true;
    }

    /** The cursor of the next page: the position of this page's last document. */
    String cursor() {
      return SortKey.of(documents.get(documents.size() - 1).id()).toCursor();
    }

    /** The listing ended: there is no next page, so the damage met after the last is on this. */
    void end() {
      damaged.addAll(afterTheLast);
      afterTheLast.clear();
      damagedNotShown += afterTheLastNotShown;
      afterTheLastNotShown = 0;
    }
  }

  /**
   * The value directory an index keeps each filter's matches in, by field. A decimal number is left
   * to the documents: its JSON text can be written in several ways, and the index keeps the one its
   * document holds. So is {@code null}: a document without the field matches it too, and the index
   * files such a document under the component's default, which may be a value.
   */
  private static Map<String, List<String>> valueNames(Map<String, String> filters) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    filters.forEach(
        (field, value) -> {
          if (!value.equals(NULL) && !DECIMAL.matcher(value).matches()) {
            names.put(field, List.of(IndexNames.ofKey(value)));
          }
        });
    return names;
  }

  private Map<String, String> filters() {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String condition : where) {
      int equals = condition.indexOf('=');
      if (equals < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--where takes FIELD=VALUE, not '" + condition + "'");
      }
      String field = condition.substring(0, equals);
      String value = condition.substring(equals + 1);
      String earlier = filters.put(field, value);
      if (earlier != null && !earlier.equals(value)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--where gives field '"
                + field
                + "' two values ('"
                + earlier
                + "' and '"
                + value
                + "'); an instance has one value per field, so no instance could match");
      }
    }
    return filters;
  }

  private static boolean matches(RawDocument document, Map<String, String> filters) {
    if (filters.isEmpty()) {
      return true;
    }
    ObjectNode tree = Documents.tree(document);
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      String value = Documents.field(tree, filter.getKey());
      // A field the document lacks reads as null.
      if (!filter.getValue().equals(value == null ? NULL : value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What part of the listing a page is, so that its count is never taken for the whole root's:
   * nothing for a listing on one page, else this page with more after it, or the last page.
   */
  private String whichPart(@Nullable String next) {
    if (next != null) {
      return " (this page; more follow)";
    }
    return after == null ? "" : " (the last page)";
  }

  private void print(DataRoot data, Shown page, @Nullable String next) {
    List<RawDocument> shown = page.documents;
    List<CorruptInstanceException> damaged = page.damaged;
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("kind", data.kind().kind());
      result.put("root", data.path().toString());
      ArrayNode instances = result.putArray("instances");
      shown.forEach(document -> instances.add(Documents.exact(document, Set.of())));
      ArrayNode problems = result.putArray("damaged");
      ArrayNode unread = result.putArray("unreadable");
      damaged.forEach(
          problem -> (Damage.isUnreadable(problem) ? unread : problems).add(Damage.json(problem)));
      result.put("damagedNotShown", page.damagedNotShown);
      result.put("next", next);
      out.println(Json.pretty(result));
      return;
    }
    out.println(
        Printable.escaped(
            Counts.of(shown.size(), "instance")
                + " of kind '"
                + data.kind().kind()
                + "' in "
                + data.path()
                + whichPart(next)));
    for (RawDocument document : shown) {
      out.println(Rows.summary(data.kind(), document));
    }
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    if (page.damagedNotShown > 0) {
      out.println(Damage.notShown(page.damagedNotShown, MAX_DAMAGED));
    }
    if (next != null) {
      out.println("next page: add --after " + next);
    }
  }
}
