package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.THROWS_CORRUPT;
import static dev.burrow.processor.write.StoreMethods.THROWS_ID;
import static dev.burrow.processor.write.StoreMethods.THROWS_NOT_FOUND;
import static dev.burrow.processor.write.StoreMethods.lines;
import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Generates the reads: {@code get} and {@code find} of one instance, and {@code list}, {@code
 * stream} and {@code scan} of them all.
 */
final class StoreReads {
  private StoreReads() {}

  /** {@code get} and {@code find}. */
  static List<MethodSpec> byId(ClassName type) {
    return List.of(
        method(
                "get",
                type,
                "The stored instance. One read, no lock: sees the last complete"
                    + " write.\n\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND, THROWS_CORRUPT))
            .addParameter(String.class, "id")
            .addStatement("return engine.get(id)")
            .build(),
        method(
                "find",
                ParameterizedTypeName.get(ClassName.get(Optional.class), type),
                "The stored instance, or empty. One read, no lock: sees the last complete write."
                    + "\n\n"
                    + lines(THROWS_ID, THROWS_CORRUPT))
            .addParameter(String.class, "id")
            .addStatement("return engine.find(id)")
            .build());
  }

  /** {@code list}, a page of the list, {@code stream} and {@code scan}. */
  static List<MethodSpec> listings(ClassName type) {
    String corruption =
        "a damaged document is skipped and reported to the options' corruption" + " listener";
    return List.of(
        method(
                "list",
                ParameterizedTypeName.get(ClassName.get(List.class), type),
                "Every"
                    + " readable instance, newest first, all in memory; "
                    + corruption
                    + " (see"
                    + " {@link #scan()}). One read per instance; for many instances prefer {@link"
                    + " #list(PageRequest)} or {@link #stream()}.")
            .addStatement("return engine.list()")
            .build(),
        method(
                "list",
                ParameterizedTypeName.get(GeneratedTypes.PAGE, type),
                "One page of instances, newest first, with a report for each damaged one on it;"
                    + " pass {@link $T#next()} back for the following page. At most one page of"
                    + " reads, however many instances there are, where the backend keeps an"
                    + " index.\n\n@throws IllegalArgumentException if the request's cursor is not"
                    + " a cursor of a Burrow listing (garbage, truncated, or of another format);"
                    + " a cursor of another kind or backend is not refused and only names a"
                    + " position",
                GeneratedTypes.PAGE)
            .addParameter(GeneratedTypes.PAGE_REQUEST, "request")
            .addStatement("return engine.list(request)")
            .build(),
        method(
                "stream",
                ParameterizedTypeName.get(ClassName.get(Stream.class), type),
                "Every"
                    + " readable instance, newest first, read lazily one page at a time; "
                    + corruption
                    + " when it is met. Holds one page in memory and nothing else: no file, database"
                    + " connection or lock is held between pages, so a stream left unfinished or"
                    + " unclosed holds nothing.")
            .addStatement("return engine.stream()")
            .build(),
        method(
                "scan",
                ParameterizedTypeName.get(GeneratedTypes.LISTING, type),
                "Every readable"
                    + " instance, newest first, with a report for each damaged one and for each"
                    + " stray entry that is no instance, all in memory. One"
                    + " read per instance.")
            .addStatement("return engine.scan()")
            .build());
  }
}
