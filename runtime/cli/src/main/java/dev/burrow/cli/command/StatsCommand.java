package dev.burrow.cli.command;

import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.transfer.ArchivedFiles;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow stats}: counts, sizes, the oldest and the newest instance. */
@Command(
    name = "stats",
    description = {
      "Counts instances and their bytes, and names the newest and the oldest.",
      "Counts the damaged instances too, the bytes of the documents and of the files in the"
          + " instance directories (the files export --dirs archives: not the documents"
          + " themselves). Reads every document; exits 1 if any is damaged."
    })
public final class StatsCommand extends RootCommand {
  private static final int PAGE = 500;

  private long instances;
  private long damaged;
  private long documentBytes;
  private long directoryBytes;
  private long files;
  private @Nullable RawDocument newest;
  private @Nullable RawDocument oldest;

  @Override
  public Integer call() {
    try (DataRoot data = open();
        Progress progress =
            Progress.start(
                err(), "reading instances", Progress.Unit.COUNT, data::countEntries, !json)) {
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = data.page(request);
        damaged += page.problems().size();
        progress.advance(page.problems().size());
        for (RawDocument document : page.items()) {
          count(data, document);
          progress.advance(1);
        }
        request = page.next();
      }
      print(data);
    }
    return damaged == 0 ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  private void count(DataRoot data, RawDocument document) {
    instances++;
    documentBytes += document.json().length;
    if (newest == null) {
      newest = document;
    }
    oldest = document;
    Path directory = data.dirs(document.id()).root();
    try {
      for (Path file : ArchivedFiles.of(directory)) {
        BasicFileAttributes attributes = attributes(file);
        if (attributes != null) {
          files++;
          directoryBytes += attributes.size();
        }
      }
    } catch (NoSuchFileException e) {
      // deleted since it was listed
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The file's attributes, or null if it went away since it was listed. */
  private static @Nullable BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(
          file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private void print(DataRoot data) {
    KindDescription kind = data.kind();
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("kind", kind.kind());
      result.put("root", data.path().toString());
      result.put("instances", instances).put("damaged", damaged);
      result.put("documentBytes", documentBytes);
      result.put("directoryBytes", directoryBytes).put("files", files);
      result.set("newest", summary(newest));
      result.set("oldest", summary(oldest));
      out.println(Json.pretty(result));
      return;
    }
    out.println("kind         " + kind.kind());
    out.println("root         " + data.path());
    out.println(
        "instances    " + instances + (damaged == 0 ? "" : " (and " + damaged + " damaged)"));
    out.println("documents    " + Sizes.human(documentBytes));
    out.println("directories  " + Sizes.human(directoryBytes) + " in " + files + " files");
    out.println("newest       " + line(newest));
    out.println("oldest       " + line(oldest));
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
