package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Generates the moves of a whole store: {@code exportTo} and {@code importFrom} (JSON Lines, with
 * the instances' directories as a tar stream or without), and {@code copyTo} another store.
 */
final class StoreTransfers {
  private StoreTransfers() {}

  /** The methods of {@code store}, which holds {@code type} instances. */
  static List<MethodSpec> methods(ClassName store, ClassName type) {
    String export =
        "Writes every readable instance to {@code documents} as JSON Lines: a header line"
            + " naming the kind and its managed fields, one line per instance (newest first) with"
            + " its ID, version, timestamps and document, and a closing line with the count."
            + " Streams one page at a time; a damaged instance is left out and reported to the"
            + " options' corruption listener. The streams are flushed, not closed.";
    String importing =
        "Reads an export of this kind into this store, on any backend: a missing instance is"
            + " created with the export's ID, version and timestamps, an older one replaced, one"
            + " with the same or a newer version left alone. Idempotent and resumable: run again"
            + " after a crash, it creates nothing twice and overwrites nothing newer. The summary's"
            + " {@code damaged} counts the instances this store lacks for damage: those the"
            + " export's closing line says it left out, and each one this store holds damaged,"
            + " whose document is not written over (also counted in {@code skipped}). The streams"
            + " are read to their end, not closed.";
    String importThrows =
        "\n\n@throws dev.burrow.CorruptExportException at a damaged line (also one whose"
            + " document is not a valid $T), an export of another kind, or an export cut short;"
            + " what came before it is imported";
    String copy =
        "Migration: copies every readable instance of this store into {@code target} (a store of"
            + " the same kind, typically on another backend, such as a data root moving to a"
            + " database), keeping IDs, versions and timestamps, with the regular files of their"
            + " directories where the target keeps them elsewhere (links, never followed, FIFOs,"
            + " sockets and devices are counted in the summary's {@code skipped}). As idempotent"
            + " and resumable as {@link #importFrom(InputStream)}; nothing is deleted from this"
            + " store. A damaged instance of this store cannot be read: it is left behind,"
            + " reported to this store's corruption listener and counted in the summary's {@code"
            + " damaged}, as is an instance {@code target} holds damaged, whose document is not"
            + " written over (also counted in {@code skipped}): {@code damaged() == 0} means"
            + " {@code target} got every instance.";
    String copyThrows =
        "\n\n@throws dev.burrow.StorageException if either backend fails or a file cannot be"
            + " copied: what was copied before it stays copied, and a copy run again finishes the"
            + " rest";
    return List.of(
        method("exportTo", GeneratedTypes.EXPORT_SUMMARY, export)
            .addParameter(OutputStream.class, "documents")
            .addStatement("return engine.exportTo(documents, null)")
            .build(),
        method(
                "exportTo",
                GeneratedTypes.EXPORT_SUMMARY,
                export
                    + " The files of the instances' directories on this host go to {@code"
                    + " directories} as a tar stream, named {@code <id>/<path>}: regular files"
                    + " only; links (never followed), FIFOs, sockets and devices are counted in the"
                    + " summary's {@code skipped}.")
            .addParameter(OutputStream.class, "documents")
            .addParameter(OutputStream.class, "directories")
            .addStatement("return engine.exportTo(documents, directories)")
            .build(),
        method("importFrom", GeneratedTypes.IMPORT_SUMMARY, importing + importThrows, type)
            .addParameter(InputStream.class, "documents")
            .addStatement("return engine.importFrom(documents, null)")
            .build(),
        method(
                "importFrom",
                GeneratedTypes.IMPORT_SUMMARY,
                importing
                    + "\n\n<p>Then writes the files of {@code directories} (a tar stream made by"
                    + " {@code exportTo}) into the instances' directories on this host, where no"
                    + " file at least as new is there."
                    + importThrows,
                type)
            .addParameter(InputStream.class, "documents")
            .addParameter(InputStream.class, "directories")
            .addStatement("return engine.importFrom(documents, directories)")
            .build(),
        method("copyTo", GeneratedTypes.IMPORT_SUMMARY, copy + copyThrows)
            .addParameter(store, "target")
            .addStatement("return engine.copyTo(target.engine)")
            .build(),
        method(
                "copyTo",
                GeneratedTypes.IMPORT_SUMMARY,
                copy
                    + " Runs {@code eachCopied} after each instance it copies, for example to show"
                    + " progress; an exception it throws ends the copy and reaches the caller as"
                    + " it is, and what was copied before stays copied."
                    + copyThrows)
            .addParameter(store, "target")
            .addParameter(Runnable.class, "eachCopied")
            .addStatement("return engine.copyTo(target.engine, eachCopied)")
            .build());
  }
}
