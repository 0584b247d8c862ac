package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.VersionConflictException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import dev.burrow.spi.PathSegments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export, import and copy of a store's documents.
 *
 * <p><b>The export format</b> is JSON Lines, UTF-8: a first line {@code {"burrow":"export",
 * "format":1, "kind":…, "fields":{…}, "subdirectories":[…], "idKind":…}}, then one line per
 * instance, newest first, {@code {"id":…, "version":…, "createdAt":…, "updatedAt":…,
 * "document":{…}}} (the document exactly as stored, its numbers and strings unchanged, on one
 * line), and a last line {@code {"end":true, "instances":N, "damaged":D}} (D instances could not be
 * read and were left out; an import checks N and reports D as its {@link ImportSummary#damaged}),
 * so an export cut short is told from a complete one. Instance directories go to a second, optional
 * stream: a tar archive of the regular files under each exported instance's directory, named {@code
 * <id>/<path>}.
 *
 * <p><b>Import is idempotent and resumable.</b> Each document is compared with what the target
 * stores under its ID: missing, it is created (with the export's ID, version and timestamps);
 * stored with an older version, it is replaced; with the same or a newer version, it is left alone.
 * Each step is one atomic write of the target backend, so an import killed at any point and run
 * again creates nothing twice, loses nothing, and overwrites nothing newer. A directory file is
 * written (atomically) only where the target has none or an older one, holding the locks the
 * application's writers take (the instance's, and for the event log its append lock too), so
 * nothing they write to the instance meanwhile is lost.
 */
public final class Transfer {
  /** The longest export line read: a 16 MiB document, escaped, fits. */
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  /** How often {@link #place} decides again for an instance that other writers keep changing. */
  static final int MAX_RACES = 100;

  private static final int PAGE = 500;

  /** The members of a closing line: this Burrow's, and those of one before it counted damage. */
  private static final Set<Set<String>> CLOSING_MEMBERS =
      Set.of(Set.of("end", "instances", "damaged"), Set.of("end", "instances"));

  private static final int FORMAT = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ObjectWriter PRETTY = JSON.writer().withDefaultPrettyPrinter();

  private Transfer() {}

  /**
   * Writes every readable instance of {@code source}, and, with a {@code directories} stream, the
   * files of their directories. Damaged instances are left out and reported to {@code problems}.
   *
   * <p>Beside running writers, each line is the instance as it was read. With a {@code directories}
   * stream, an instance's files are archived first, as they are then (a file removed before it was
   * reached is not archived; one opened is archived whole), and then its document is read again and
   * written: an instance deleted meanwhile is left out, as if it had been deleted before the export
   * reached it (the archive may hold some of its files, which an import skips, since no line names
   * the instance), and counted in {@link ExportSummary#deleted}.
   *
   * <p>Each file is read whole before its archive entry is written ({@link WholeFile}: up to 1 MiB
   * in memory, a larger one spooled to {@code java.io.tmpdir} and read twice), so a file that
   * shrinks, grows or fails while it is read never leaves a corrupt entry. A file or directory
   * under an instance's directory that cannot be read (permission denied), or a file that fails
   * while it is read, is handed to {@code unreadable}, named with why, and left out of the archive,
   * and the export goes on; without {@code unreadable}, it stops the export with a {@link
   * StorageException} naming it, before the closing line is written, so that no import takes what
   * was written for complete.
   */
  public static <T> ExportSummary export(
      TransferView<T> source,
      OutputStream documents,
      @Nullable OutputStream directories,
      Consumer<CorruptInstanceException> problems,
      @Nullable Consumer<Skipped> unreadable) {
    long instances = 0;
    long damaged = 0;
    long files = 0;
    long deleted = 0;
    long skipped = 0;
    Tar.Writer tar = directories == null ? null : new Tar.Writer(directories);
    try {
      writeLine(documents, header(source.description()));
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = source.page(request);
        for (RawDocument listed : page.items()) {
          Optional<RawDocument> document = Optional.of(listed);
          if (tar != null) {
            try {
              String id = listed.id();
              Path directory = source.directory(id);
              ArchivedFiles.Contents contents =
                  ArchivedFiles.of(
                      directory, (path, failure) -> leaveOut(unreadable, id, path, failure));
              files += writeFiles(tar, id, directory, contents.files(), unreadable);
              skipped += contents.skipped();
              document = source.find(listed.id());
            } catch (InstanceNotFoundException deletedMeanwhile) {
              deleted++; // deleted before its directory was reached: left out
              continue;
            } catch (CorruptInstanceException damagedMeanwhile) {
              problems.accept(damagedMeanwhile);
              damaged++;
              continue;
            }
          }
          if (document.isEmpty()) {
            deleted++; // deleted before its files were all archived: left out
            continue;
          }
          writeLine(documents, documentLine(document.get()));
          instances++;
        }
        damaged += page.problems().size();
        page.problems().forEach(problems);
        request = page.next();
      }
      writeLine(
          documents, "{\"end\":true,\"instances\":" + instances + ",\"damaged\":" + damaged + "}");
      documents.flush();
      if (tar != null) {
        tar.finish();
      }
    } catch (IOException e) {
      throw new StorageException("writing the export failed: " + e.getMessage(), e);
    }
    return new ExportSummary(instances, damaged, files, deleted, skipped);
  }

  /**
   * Reads an export of {@code target}'s kind into {@code target}, then, with a {@code directories}
   * stream, the files of its instances. Each archive entry it does not write for want of a place to
   * write it is handed to {@code skipped}, named with why, and counted in {@link
   * ImportSummary#skipped}: a link, device or FIFO entry, the instance's document (which comes from
   * the export's lines only), a file of an instance the root does not hold (no line of the export
   * names it), and a file whose place in the instance's directory is a directory, a link or lies
   * under something other than a directory. A file the target holds at least as new is left as it
   * is, and not counted.
   *
   * @throws CorruptExportException at a damaged line, an export of another kind, or a stream cut
   *     short; what came before it is imported
   * @throws StorageException if reading a stream or writing a file fails: what came before it is
   *     imported, and an import run again finishes the rest
   * @throws CorruptInstanceException if the target's type cannot read a document
   */
  public static <T> ImportSummary importInto(
      TransferView<T> target,
      InputStream documents,
      @Nullable InputStream directories,
      Consumer<Skipped> skipped) {
    Counts counts = new Counts(skipped);
    Lines lines = new Lines(documents);
    readHeader(lines, target.description());
    long read = 0;
    while (true) {
      byte[] line = lines.next();
      if (line == null) {
        throw new CorruptExportException(
            lines.location(),
            "the export ends without its closing line: it was cut short after "
                + read
                + " documents (all imported; import a complete export to finish)",
            null);
      }
      Line parsed = parseLine(line, lines.location());
      if (parsed.end >= 0) {
        if (parsed.end != read) {
          throw new CorruptExportException(
              lines.location(),
              "the closing line counts " + parsed.end + " documents, but " + read + " came",
              null);
        }
        counts.damaged = parsed.damaged;
        break;
      }
      RawDocument document = checked(target, parsed, lines.location());
      place(target, document, counts);
      read++;
    }
    if (lines.next() != null) {
      throw new CorruptExportException(
          lines.location(),
          "text after the export's closing line, which ends an export (two exports joined, or"
              + " one with something appended?); the documents before it are imported",
          null);
    }
    if (directories != null) {
      readFiles(target, directories, counts);
    }
    return counts.summary();
  }

  /**
   * Copies every readable instance of {@code source} into {@code target}, as an import would;
   * damaged instances of the source are left behind, reported to {@code problems} and counted.
   * Beside running writers, each instance is copied as it was read, then the files of its directory
   * as they are then: a file removed before it was reached is not copied (nor are any files of an
   * instance deleted meanwhile), and one opened is copied whole.
   */
  public static <S, T> ImportSummary copy(
      TransferView<S> source,
      TransferView<T> target,
      boolean withDirectories,
      Consumer<CorruptInstanceException> problems,
      Runnable eachCopied) {
    Counts counts = new Counts(skipped -> {});
    for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
      Page<RawDocument> page = source.page(request);
      for (RawDocument document : page.items()) {
        place(target, target.parse(document.json()), counts);
        if (withDirectories) {
          copyFiles(source, target, document.id(), counts);
        }
        eachCopied.run();
      }
      counts.damaged += page.problems().size();
      page.problems().forEach(problems);
      request = page.next();
    }
    return counts.summary();
  }

  /**
   * Creates, replaces or keeps: one atomic write at most, decided by the stored version. An
   * instance the target holds damaged is left as it is, and skipped, named with why. A write
   * refused because the instance was created, written or deleted meanwhile is decided again, up to
   * {@value #MAX_RACES} times; a create refused although no instance is there afterwards is no such
   * race, and fails.
   *
   * @throws StorageException if a create is refused with no instance there, or the instance keeps
   *     changing under the import
   */
  private static <T> void place(TransferView<T> target, RawDocument document, Counts counts) {
    String id = document.id();
    for (int attempt = 1; ; attempt++) {
      RuntimeException raced;
      Optional<RawDocument> stored;
      try {
        stored = target.find(id);
      } catch (CorruptInstanceException damaged) {
        counts.skip(
            new Skipped(
                damaged.location(),
                "the root holds this instance damaged ("
                    + reason(damaged)
                    + "): the export's document is not written over it; fsck --repair moves it"
                    + " aside, then import again"));
        return;
      }
      if (stored.isEmpty()) {
        try {
          target.insert(document);
          counts.created++;
          return;
        } catch (InstanceAlreadyExistsException refused) {
          if (target.find(id).isEmpty()) {
            throw new StorageException(
                "cannot create instance '"
                    + id
                    + "': the store refuses it as existing, yet no document of it can be found",
                refused);
          }
          raced = refused;
        }
      } else {
        long version = stored.get().version();
        if (version == document.version()) {
          counts.unchanged++;
          return;
        }
        if (version > document.version()) {
          counts.keptNewer++;
          return;
        }
        try {
          target.replace(id, version, document);
          counts.replaced++;
          return;
        } catch (VersionConflictException | InstanceNotFoundException written) {
          raced = written; // written or deleted meanwhile: decide again
        }
      }
      if (attempt == MAX_RACES) {
        throw new StorageException(
            "instance '"
                + id
                + "' was changed by another writer each of the "
                + MAX_RACES
                + " times the import tried to write it; run the import again",
            raced);
      }
    }
  }

  /** What is wrong with the damaged document, without its location. */
  private static String reason(CorruptInstanceException damaged) {
    String message = String.valueOf(damaged.getMessage());
    String location = Printable.escaped(damaged.location()) + ": ";
    return message.startsWith(location) ? message.substring(location.length()) : message;
  }

  private static String header(KindDescription description) {
    return JSON.writeValueAsString(
        description.writeTo(JSON.createObjectNode().put("burrow", "export").put("format", FORMAT)));
  }

  private static void readHeader(Lines lines, KindDescription target) {
    byte[] first = lines.next();
    KindDescription exported;
    try {
      var node = first == null ? null : JSON.readTree(first);
      if (node == null || !"export".equals(node.path("burrow").asString(""))) {
        throw new CorruptExportException(
            lines.location(), "not a Burrow export (no export header line)", null);
      }
      if (node.path("format").asInt(0) != FORMAT) {
        throw new CorruptExportException(
            lines.location(),
            "export format " + node.path("format") + ", this Burrow reads format " + FORMAT,
            null);
      }
      exported = KindDescription.read(node);
    } catch (JacksonException e) {
      throw notJson(lines.location(), e);
    } catch (IllegalArgumentException e) {
      throw new CorruptExportException(
          lines.location(), "a header this Burrow does not read: " + e.getMessage(), e);
    }
    if (exported == null
        || !exported.kind().equals(target.kind())
        || !exported.fields().equals(target.fields())) {
      throw new CorruptExportException(lines.location(), otherKind(exported, target), null);
    }
  }

  /** Why an export of {@code exported} does not go into a root of {@code target}, in words. */
  private static String otherKind(@Nullable KindDescription exported, KindDescription target) {
    if (exported == null) {
      return "an export whose header describes no kind's fields, not of kind '"
          + target.kind()
          + "'";
    }
    if (!exported.kind().equals(target.kind())) {
      return "an export of kind '" + exported.kind() + "', not of kind '" + target.kind() + "'";
    }
    return "an export of kind '"
        + exported.kind()
        + "' whose fields differ from this root's: "
        + String.join("; ", exported.fields().differencesFrom(target.fields()));
  }

  /**
   * {@code e}, the parser's complaint about the line at {@code location}: where in the line and
   * what was wrong, without the parser's description of its input.
   */
  private static CorruptExportException notJson(String location, JacksonException e) {
    TokenStreamLocation where = e.getLocation();
    String at = "";
    if (where != null && where.getColumnNr() > 0) {
      at = " at column " + where.getColumnNr();
    } else if (where != null && where.getByteOffset() >= 0) {
      at = " at byte " + (where.getByteOffset() + 1);
    }
    return new CorruptExportException(
        location, "not valid JSON" + at + ": " + JsonErrors.plain(e), e);
  }

  /**
   * Checks that the value under {@code parser}, of the line's field {@code name}, is a {@code
   * wanted} token ({@code what}, in words).
   *
   * @throws CorruptExportException naming the field, what it holds and what it should
   */
  private static void expect(
      JsonParser parser, String name, JsonToken wanted, String what, String location) {
    JsonToken found = parser.currentToken();
    if (found != wanted) {
      throw new CorruptExportException(
          location, "field '" + name + "': " + what + " is expected, not " + describe(found), null);
    }
  }

  /** The whole number of the line's field {@code name} under {@code parser}. */
  private static long wholeNumber(JsonParser parser, String name, String location) {
    expect(parser, name, JsonToken.VALUE_NUMBER_INT, "a whole number", location);
    try {
      return parser.getLongValue();
    } catch (InputCoercionException e) {
      throw new CorruptExportException(location, "field '" + name + "': " + JsonErrors.plain(e), e);
    }
  }

  /** What kind of JSON value {@code token} starts, in words. */
  private static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /**
   * One export line: a document, or the closing line ({@code end} at least 0, with the {@code
   * damaged} instances the export left out).
   */
  private static final class Line {
    final String id;
    final long version;
    final byte[] document;
    final long end;
    final long damaged;

    Line(String id, long version, byte[] document, long end, long damaged) {
      this.id = id;
      this.version = version;
      this.document = document;
      this.end = end;
      this.damaged = damaged;
    }
  }

  private static Line parseLine(byte[] line, String location) {
    int malformed = StrictUtf8.firstMalformed(line);
    if (malformed >= 0) {
      // Jackson would read an overlong sequence as the character it spells (C0 AF as '/').
      throw new CorruptExportException(
          location,
          "not valid UTF-8: a malformed or overlong sequence at byte " + malformed + " of the line",
          null);
    }
    String id = null;
    long version = -1;
    byte[] document = null;
    Long end = null;
    long damaged = 0;
    Set<String> names = new HashSet<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new CorruptExportException(location, "not a JSON object", null);
      }
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        names.add(name);
        parser.nextToken();
        switch (name) {
          case "end" -> expect(parser, name, JsonToken.VALUE_TRUE, "true", location);
          case "id" -> {
            expect(parser, name, JsonToken.VALUE_STRING, "a string", location);
            id = parser.getString();
          }
          case "version" -> version = wholeNumber(parser, name, location);
          case "document" -> {
            expect(parser, name, JsonToken.START_OBJECT, "an object", location);
            document = pretty(parser);
          }
          case "instances" -> end = wholeNumber(parser, name, location);
          case "damaged" -> damaged = wholeNumber(parser, name, location);
          default -> parser.skipChildren();
        }
      }
    } catch (JacksonException e) {
      throw notJson(location, e);
    }
    if (end != null || names.contains("end") || names.contains("damaged")) {
      if (!CLOSING_MEMBERS.contains(names)) {
        throw new CorruptExportException(
            location,
            "a closing line has the members \"end\": true, \"instances\" and \"damaged\" (or, from"
                + " an older Burrow, no \"damaged\") and no other; this line has "
                + new TreeSet<>(names),
            null);
      }
      if (end == null || end < 0) {
        throw new CorruptExportException(
            location, "the closing line counts " + end + " documents", null);
      }
      if (damaged < 0) {
        throw new CorruptExportException(
            location, "the closing line counts " + damaged + " damaged instances", null);
      }
      return new Line("", 0, new byte[0], end, damaged);
    }
    if (id == null || document == null || version < 0) {
      throw new CorruptExportException(
          location, "an export line needs an \"id\", a \"version\" and a \"document\"", null);
    }
    if (version > CheckedSchema.MAX_VERSION) {
      throw new CorruptExportException(location, CheckedSchema.outOfRange(version), null);
    }
    return new Line(id, version, document, -1, 0);
  }

  /** The document under the parser, laid out as Burrow writes documents, values exactly kept. */
  private static byte[] pretty(JsonParser parser) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = PRETTY.createGenerator(bytes)) {
      out.copyCurrentStructureExact(parser);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  private static <T> RawDocument checked(TransferView<T> target, Line line, String location) {
    RawDocument document;
    try {
      document = target.parse(line.document);
    } catch (RuntimeException e) {
      throw new CorruptExportException(location, String.valueOf(e.getMessage()), e);
    }
    if (!document.id().equals(line.id) || document.version() != line.version) {
      throw new CorruptExportException(
          location, "the line's id and version differ from its document's", null);
    }
    if (!PathSegments.isValid(document.id())) {
      throw new CorruptExportException(
          location,
          "the id is not a valid instance id (" + PathSegments.brokenRule(document.id()) + ")",
          null);
    }
    return document;
  }

  private static String documentLine(RawDocument document) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.json().length + 128);
    try (JsonGenerator out = JSON.createGenerator(bytes);
        JsonParser in = JSON.createParser(document.json())) {
      out.writeStartObject();
      out.writeStringProperty("id", document.id());
      out.writeNumberProperty("version", document.version());
      if (document.createdAt() != null) {
        out.writeStringProperty("createdAt", document.createdAt());
      }
      if (document.updatedAt() != null) {
        out.writeStringProperty("updatedAt", document.updatedAt());
      }
      out.writeName("document");
      in.nextToken();
      out.copyCurrentStructureExact(in);
      out.writeEndObject();
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.write('\n');
  }

  /**
   * Hands {@code path}, under instance {@code id}'s directory, which the export cannot read, to
   * {@code unreadable}; without one, stops the export naming it.
   *
   * @throws StorageException without {@code unreadable}
   */
  private static void leaveOut(
      @Nullable Consumer<Skipped> unreadable, String id, Path path, IOException failure) {
    String reason = "it cannot be read: " + why(failure);
    if (unreadable == null) {
      throw new StorageException(
          "cannot archive the files of instance '"
              + id
              + "': "
              + path
              + ": "
              + reason
              + "; the export stops without its closing line, so no import takes it for complete",
          failure);
    }
    unreadable.accept(new Skipped(path.toString(), reason));
  }

  /**
   * Archives {@code files} of an instance's directory, each read whole before its entry is written
   * ({@link WholeFile}: a file over 1 MiB is spooled to {@code java.io.tmpdir} and read twice), so
   * that a file that shrinks, grows or fails while it is read never leaves a corrupt entry; a file
   * removed before it is reached is left out, and one that cannot be opened or fails while it is
   * read is left out as {@link #leaveOut} says.
   *
   * @throws IOException if the archive or a spool file cannot be written
   */
  private static long writeFiles(
      Tar.Writer tar,
      String id,
      Path directory,
      List<Path> files,
      @Nullable Consumer<Skipped> unreadable)
      throws IOException {
    long written = 0;
    for (Path file : files) {
      BasicFileAttributes attributes = SafeFiles.lstat(file);
      if (attributes == null) {
        continue; // removed since it was listed
      }
      FileChannel opened;
      try {
        opened = SafeFiles.openToRead(file);
      } catch (NoSuchFileException removed) {
        continue;
      } catch (IOException e) {
        leaveOut(unreadable, id, file, e);
        continue;
      }
      WholeFile content;
      try (opened) {
        content = WholeFile.read(opened);
      } catch (WholeFile.UnreadableException e) {
        leaveOut(unreadable, id, file, e.reason());
        continue;
      }
      try (content) {
        tar.file(
            id + "/" + relative(directory, file),
            attributes.lastModifiedTime().toMillis() / 1000,
            content);
      }
      written++;
    }
    return written;
  }

  /**
   * Why a file or directory could not be read or written, in plain words: the operating system's
   * ({@code permission denied}, {@code File too large}, {@code Input/output error}).
   */
  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException named && named.getReason() != null) {
      return named.getReason();
    }
    return e.getClass() == IOException.class && e.getMessage() != null
        ? e.getMessage()
        : Failures.describe(e);
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static <T> void readFiles(
      TransferView<T> target, InputStream directories, Counts counts) {
    Tar.Reader tar = new Tar.Reader(new ArchiveSource(directories), counts::skip);
    try {
      for (Tar.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        String[] parts = entry.path.split("/", 2);
        if (parts.length < 2 || !PathSegments.isValid(parts[0])) {
          throw new CorruptExportException(
              "directory archive entry '" + entry.path + "'", "not <instance id>/<path>", null);
        }
        InputStream content = tar.content();
        boolean eventLog = parts[1].equals(StoreOwned.EVENT_LOG);
        counts.count(
            placeFile(
                target,
                parts[0],
                parts[1],
                entry.mtimeSeconds * 1000,
                channel -> {
                  OutputStream out = Channels.newOutputStream(channel);
                  content.transferTo(eventLog ? new EventLogCheck(out) : out);
                }),
            parts[0],
            parts[1]);
      }
    } catch (ArchiveSource.Unreadable e) {
      throw new StorageException(
          "reading the directory archive failed: "
              + why(e.failure())
              + "; the files before it are written, and an import run again writes the rest",
          e.failure());
    } catch (IOException e) {
      throw new CorruptExportException("directory archive", String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Copies the files of the source instance's directory into the target's, where the target keeps
   * it elsewhere, counting them and the entries that are not regular files; none if the source
   * instance was deleted meanwhile.
   */
  private static <S, T> void copyFiles(
      TransferView<S> origin, TransferView<T> target, String id, Counts counts) {
    Path source;
    try {
      source = origin.directory(id);
    } catch (InstanceNotFoundException deletedMeanwhile) {
      return;
    }
    try {
      if (source.equals(target.directory(id))) {
        return;
      }
      ArchivedFiles.Contents contents = ArchivedFiles.of(source);
      counts.skipped += contents.skipped();
      for (Path file : contents.files()) {
        BasicFileAttributes attributes = SafeFiles.lstat(file);
        FileChannel from;
        try {
          from = SafeFiles.openToRead(file);
        } catch (NoSuchFileException removed) {
          continue; // removed since it was listed, by its application or a delete
        }
        try (from) {
          if (attributes != null) {
            String relativePath = relative(source, file);
            counts.count(
                placeFile(
                    target,
                    id,
                    relativePath,
                    attributes.lastModifiedTime().toMillis(),
                    channel -> SafeFiles.copy(from, from.size(), channel, file)),
                id,
                relativePath);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "copying the files of instance '" + id + "' failed: " + Failures.describe(e), e);
    }
  }

  /**
   * Writes one file of an instance's directory atomically, unless the target has one at least as
   * new; never through a link, never outside the directory, never Burrow's own document. It holds
   * the locks the application's writers take while it decides and writes: the instance's lock and,
   * for the event log, the log's append lock, so an event appended meanwhile lands either before
   * (and the log, then newer, is kept) or after, in the written log, and is never lost with the
   * file the rename replaces. Cost: one lock and unlock per file (on PostgreSQL, a lease), one more
   * for the event log; a file waits while the application holds its instance's lock.
   *
   * @throws dev.burrow.LockTimeoutException if a lock is not free within the store's lock timeout
   */
  private static <T> Placed placeFile(
      TransferView<T> target,
      String id,
      String relativePath,
      long mtimeMillis,
      AtomicFiles.Content content)
      throws IOException {
    if (relativePath.equals(ArchivedFiles.DOCUMENT_FILE)) {
      return Placed.skipped(
          "the instance's document, which an import takes from the export's lines only");
    }
    InstanceLock instance = target.lock(id);
    try {
      InstanceLock log = target.lockIfEventLog(id, relativePath);
      try {
        return writeFile(target, id, relativePath, mtimeMillis, content);
      } finally {
        if (log != null) {
          log.close();
        }
      }
    } finally {
      instance.close();
    }
  }

  /** {@link #placeFile}'s decision and write, under its locks. */
  private static <T> Placed writeFile(
      TransferView<T> target,
      String id,
      String relativePath,
      long mtimeMillis,
      AtomicFiles.Content content)
      throws IOException {
    Optional<RawDocument> stored;
    try {
      stored = target.find(id);
    } catch (CorruptInstanceException damaged) {
      return Placed.skipped(
          "the root holds instance '"
              + id
              + "' damaged ("
              + reason(damaged)
              + "): its files are not written");
    }
    if (stored.isEmpty()) {
      return Placed.skipped(
          "the root holds no instance '"
              + id
              + "': no line of the export names it (an instance deleted during the export, or"
              + " the archive of another export)");
    }
    Path directory = target.directory(id);
    Path file = checkedFile(directory, id, relativePath);
    String noPlace;
    try {
      noPlace = makeParents(directory, file);
    } catch (IOException e) {
      throw cannotWrite(id, relativePath, file, why(e), e);
    }
    if (noPlace != null) {
      return Placed.skipped(noPlace);
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() >= mtimeMillis) {
      return Placed.KEPT;
    }
    // Stamped before the rename: a kill never leaves the content with a newer time, which a rerun
    // would take for a file at least as new and leave alone.
    try {
      AtomicFiles.write(
          file, content, Durability.FSYNC, target.temps(), FileTime.fromMillis(mtimeMillis));
    } catch (StorageException e) {
      if (e.getCause() instanceof EventLogCheck.DamagedLogException damaged) {
        return Placed.skipped(
            "not an event log readers read whole: its "
                + damaged.getMessage()
                + "; the instance's log is left as it is");
      }
      throw cannotWrite(
          id,
          relativePath,
          file,
          e.getCause() instanceof IOException failure ? why(failure) : e.getMessage(),
          e);
    }
    return Placed.WRITTEN;
  }

  /**
   * The failure to write the file at {@code relativePath} of instance {@code id} (at {@code file}),
   * for {@code reason}: a failure of the root, not of the archive. The file it would replace is
   * intact.
   */
  private static StorageException cannotWrite(
      String id, String relativePath, Path file, @Nullable String reason, Exception failure) {
    return new StorageException(
        "cannot write the file "
            + PathSegments.printable(relativePath)
            + " of instance '"
            + id
            + "' ("
            + file
            + "): "
            + reason
            + "; the file it would replace is intact",
        failure);
  }

  /**
   * What {@link #placeFile} did with a file: wrote it, kept the target's one at least as new, or
   * skipped it, for the reason given.
   */
  private record Placed(boolean written, @Nullable String skipped) {
    static final Placed WRITTEN = new Placed(true, null);
    static final Placed KEPT = new Placed(false, null);

    static Placed skipped(String why) {
      return new Placed(false, why);
    }
  }

  /**
   * The file at {@code relativePath} in the instance's {@code directory}, once each segment is
   * checked: none may leave the directory or clash with Burrow's temporary files.
   *
   * @throws CorruptExportException naming the archive entry otherwise
   */
  private static Path checkedFile(Path directory, String id, String relativePath) {
    Path file = directory;
    for (String segment : relativePath.split("/")) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.indexOf('\0') >= 0
          || AtomicFiles.isTempName(segment)) {
        throw new CorruptExportException(
            "directory archive entry '" + id + "/" + relativePath + "'",
            "a path segment that could leave the instance's directory or clash with Burrow's files",
            null);
      }
      file = file.resolve(segment);
    }
    return file;
  }

  /**
   * Makes the directories between the instance's {@code directory} and {@code file}, checking each
   * entry on the way (one {@code lstat} each) before anything is written.
   *
   * @return null if the file can be written, else why not, naming the entry in the instance's
   *     directory: a link anywhere on the way, the file's own place included (never written
   *     through), something other than a directory on the way, or something other than a regular
   *     file in the file's place (a file never replaces a directory)
   */
  private static @Nullable String makeParents(Path directory, Path file) throws IOException {
    Path way = directory;
    for (Path segment : directory.relativize(file)) {
      way = way.resolve(segment);
      BasicFileAttributes found = SafeFiles.lstat(way);
      String entry = "the instance's " + PathSegments.printable(relative(directory, way));
      if (found != null && found.isSymbolicLink()) {
        return entry + " is a symbolic link, and an import never writes through one";
      }
      if (way.equals(file)) {
        if (found != null && !found.isRegularFile()) {
          return entry
              + (found.isDirectory() ? " is a directory" : " is not a regular file")
              + ", which a file never replaces";
        }
      } else if (found == null) {
        OwnerOnly.createDirectories(way, Durability.FSYNC);
      } else if (!found.isDirectory()) {
        return entry + " is a file, where this entry needs a directory";
      }
    }
    return null;
  }

  /** What an import did, counted as it goes. */
  private static final class Counts {
    private final Consumer<Skipped> skips;
    long created;
    long replaced;
    long unchanged;
    long keptNewer;
    long files;
    long damaged;
    long skipped;

    Counts(Consumer<Skipped> skips) {
      this.skips = skips;
    }

    /** Counts an entry of instance directories not written, and hands it on. */
    void skip(Skipped entry) {
      skipped++;
      skips.accept(entry);
    }

    /** Counts what {@link #placeFile} did with the file at {@code relativePath} of {@code id}. */
    void count(Placed placed, String id, String relativePath) {
      String why = placed.skipped();
      if (placed.written()) {
        files++;
      } else if (why != null) {
        skip(new Skipped(id + "/" + relativePath, why));
      }
    }

    ImportSummary summary() {
      return new ImportSummary(created, replaced, unchanged, keptNewer, files, damaged, skipped);
    }
  }

  /** Lines of at most {@link #MAX_LINE_BYTES}, with their number for messages. */
  private static final class Lines {
    private final InputStream in;
    private long number;

    Lines(InputStream in) {
      this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 1 << 16);
    }

    byte @Nullable [] next() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        while (true) {
          int b = in.read();
          if (b < 0) {
            if (line.size() == 0) {
              return null;
            }
            break;
          }
          if (b == '\n') {
            break;
          }
          if (line.size() >= MAX_LINE_BYTES) {
            throw new CorruptExportException(
                "export line " + (number + 1), "longer than " + MAX_LINE_BYTES + " bytes", null);
          }
          line.write(b);
        }
      } catch (IOException e) {
        throw new StorageException("reading the export failed: " + e.getMessage(), e);
      }
      number++;
      return line.toByteArray();
    }

    String location() {
      return "export line " + Math.max(1, number);
    }
  }
}
