package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.UnknownFields;
import dev.burrow.runtime.codec.DocumentFormatException;
import dev.burrow.runtime.codec.DocumentReader;
import dev.burrow.runtime.codec.ValueCodecs;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceSchema;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report of a damaged document keeps neither the document nor the parser that read it: Jackson's
 * exceptions hold their parser, which holds the document's bytes and text, so each report kept (a
 * page's problems, a prune report's examples) held about four times its document. The reports keep
 * Jackson's message and where it stopped (line and column), in Burrow's own exceptions.
 */
class DamageReportRetentionTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String BIG = "a".repeat(1024 * 1024);

  /** Anything this large reachable from a report is (part of) the document. */
  private static final int LARGE = 64 * 1024;

  @TempDir Path root;

  /** A nested value read by Jackson databind. */
  public record Nested(int n) {}

  @Test
  void aListingReportOfMalformedJsonKeepsNoParserAndNotTheDocument() throws Exception {
    assertReportKeepsNothing("{\"id\":\"d1\",\"status\":\"" + BIG + "\", oops", "malformed JSON");
  }

  /** Malformed JSON met inside a value its codec reads (a map), not between fields. */
  @Test
  void aListingReportOfMalformedJsonInAValueKeepsNoParserAndNotTheDocument() throws Exception {
    assertReportKeepsNothing(
        "{\"id\":\"d1\",\"params\":{\"k\":\"" + BIG + "\" oops}}", "field 'params'");
  }

  @Test
  void aDatabindRefusalKeepsNoParserAndNotTheDocument() {
    byte[] json = ("{\"v\":{\"n\":\"" + BIG + "\"}}").getBytes(StandardCharsets.UTF_8);
    DocumentFormatException e =
        assertThrows(
            DocumentFormatException.class,
            () -> {
              try (DocumentReader in = DocumentReader.open(json, "Thing", UnknownFields.IGNORE)) {
                in.nextField();
                in.read(ValueCodecs.databind(Nested.class, UnknownFields.IGNORE));
              }
            });
    assertKeepsNoParserNorDocument(e);
  }

  @Test
  void aRawDocumentRefusalKeepsNoParserAndNotTheDocument() {
    RawSchema raw = new RawSchema(KindDescription.of(CounterSchema.INSTANCE));
    byte[] json =
        ("{\"id\":\"d1\",\"status\":\"" + BIG + "\", oops").getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> raw.parse(json));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    assertKeepsNoParserNorDocument(e);
  }

  /** A codec of the user's own that lets Jackson's exception out is reported without it. */
  @Test
  void aReportOfACodecThrowingJacksonsExceptionKeepsNoParser() {
    byte[] json =
        ("{\"id\":\"d1\",\"status\":\"" + BIG + "\", oops").getBytes(StandardCharsets.UTF_8);
    CorruptInstanceException e =
        assertThrows(
            CorruptInstanceException.class,
            () ->
                RawSchema.decode(
                    jacksonCodecSchema(),
                    json,
                    (why, cause) -> new CorruptInstanceException("here", why, cause)));
    assertTrue(e.getMessage().contains("Unexpected character"), e.getMessage());
    assertKeepsNoParserNorDocument(e);
  }

  private void assertReportKeepsNothing(String document, String mentioned) throws Exception {
    try (FileSystemBackend<Counter> store =
        FileSystemBackend.open(
            CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofSeconds(5))) {
      store.insert(new Counter("d1", 1, T0, T0, "ok", 0, Map.of()));
      Files.writeString(
          FileSystemBackend.instanceDirectory(root, "d1").resolve(FileLayout.DOCUMENT), document);
      Page<Counter> page = store.list(PageRequest.first(10));
      assertEquals(1, page.problems().size());
      CorruptInstanceException report = page.problems().get(0);
      assertTrue(report.getMessage().contains(mentioned), report.getMessage());
      assertKeepsNoParserNorDocument(report);
    }
  }

  private static InstanceSchema<Counter> jacksonCodecSchema() {
    JsonMapper mapper = JsonMapper.builder().build();
    CounterSchema counters = CounterSchema.INSTANCE;
    InstanceCodec<Counter> codec =
        new InstanceCodec<>() {
          @Override
          public byte[] encode(Counter instance) {
            return counters.encode(instance);
          }

          @Override
          public Counter decode(byte[] json) {
            mapper.readTree(json);
            return counters.decode(json);
          }
        };
    return counters.withCodec(codec);
  }

  /**
   * Walks everything reachable from {@code report} outside the JDK's own classes (causes,
   * suppressed exceptions, the fields of Burrow's and Jackson's objects) and fails on a Jackson
   * exception, parser or location (a location holds the parsed content), or any text or array of
   * {@link #LARGE} or more.
   */
  static void assertKeepsNoParserNorDocument(Throwable report) {
    assertKeepsWhereTheParserStopped(report);
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> next = new ArrayDeque<>();
    next.add(report);
    while (!next.isEmpty()) {
      Object o = next.poll();
      if (!seen.add(o)) {
        continue;
      }
      if (o instanceof JacksonException
          || o instanceof JsonParser
          || o instanceof TokenStreamLocation) {
        fail("the report keeps a " + o.getClass().getName() + ": " + report);
      }
      if (o instanceof String s) {
        assertTrue(s.length() < LARGE, "the report keeps a text of " + s.length() + " chars");
        continue;
      }
      Class<?> type = o.getClass();
      if (type.isArray()) {
        int length = Array.getLength(o);
        assertTrue(length < LARGE, "the report keeps an array of " + length);
        if (!type.getComponentType().isPrimitive()) {
          for (int i = 0; i < length; i++) {
            add(next, Array.get(o, i));
          }
        }
        continue;
      }
      if (o instanceof Iterable<?> elements) {
        elements.forEach(e -> add(next, e));
      }
      if (o instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              add(next, k);
              add(next, v);
            });
      }
      if (o instanceof Throwable t) {
        add(next, t.getCause());
        add(next, t.getMessage());
        for (Throwable suppressed : t.getSuppressed()) {
          add(next, suppressed);
        }
      }
      for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            continue;
          }
          field.setAccessible(true);
          try {
            add(next, field.get(o));
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
  }

  /** The report keeps the line and column the parser stopped at, in Burrow's own exception. */
  private static void assertKeepsWhereTheParserStopped(Throwable report) {
    for (Throwable t = report; t != null; t = t.getCause()) {
      if (t instanceof JsonReadFailure failure) {
        assertEquals(1, failure.line(), failure.getMessage());
        assertTrue(failure.column() > 0, failure.getMessage());
        assertTrue(
            failure.getMessage().contains("line 1, column " + failure.column()),
            failure.getMessage());
        return;
      }
    }
    fail("no JsonReadFailure in the chain of " + report);
  }

  private static void add(Deque<Object> next, Object o) {
    if (o != null && !(o instanceof Class<?>)) {
      next.add(o);
    }
  }

  private static boolean isJdk(Class<?> c) {
    String name = c.getName();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.");
  }
}
