package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract line 7: a damaged {@code instance.json}, whatever the damage, gives a {@link
 * CorruptInstanceException} naming the file and the reason; it is never overwritten by an update;
 * {@code list()} still returns every healthy instance and reports the damaged one; and the damaged
 * instance can still be deleted.
 */
class CorruptDocumentTest {
  private static final String TIMES =
      "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"";

  @TempDir Path root;

  /** Ways a document can be damaged, by hand, a crash elsewhere or a hostile user. */
  enum Damage {
    EMPTY,
    TRUNCATED,
    INVALID_UTF8,
    OVERLONG_UTF8,
    WRONG_TYPES,
    MISSING_REQUIRED_FIELDS,
    HUNDRED_MEGABYTES,
    HUNDRED_THOUSAND_LEVELS_OF_NESTING,
    ARRAY_INSTEAD_OF_OBJECT,
    JSON_NULL,
    BINARY_GARBAGE,
    TRAILING_GARBAGE,
    NUMBER_OUT_OF_RANGE,
    ANOTHER_INSTANCES_ID,
    DOCUMENT_IS_A_DIRECTORY,
    DOCUMENT_MISSING;

    void inflict(Path document, String id) throws IOException {
      byte[] healthy = Files.readAllBytes(document);
      String prefix = "{\"id\":\"" + id + "\",\"version\":\"1\"," + TIMES;
      switch (this) {
        case EMPTY -> write(document, new byte[0]);
        case TRUNCATED -> write(document, Arrays.copyOf(healthy, healthy.length / 2));
        case INVALID_UTF8 -> {
          byte[] start = (prefix + ",\"status\":\"").getBytes(StandardCharsets.UTF_8);
          byte[] bad = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, '"', '}'};
          byte[] all = Arrays.copyOf(start, start.length + bad.length);
          System.arraycopy(bad, 0, all, start.length, bad.length);
          write(document, all);
        }
        case OVERLONG_UTF8 -> {
          // C0 AF is an overlong form of '/', which strict decoders refuse.
          byte[] start = (prefix + ",\"status\":\"a").getBytes(StandardCharsets.UTF_8);
          byte[] bad = {(byte) 0xc0, (byte) 0xaf, 'b', '"', '}'};
          byte[] all = Arrays.copyOf(start, start.length + bad.length);
          System.arraycopy(bad, 0, all, start.length, bad.length);
          write(document, all);
        }
        case WRONG_TYPES ->
            write(
                document,
                "{\"id\":\"" + id + "\",\"version\":{\"n\":1}," + TIMES + ",\"count\":\"many\"}");
        case MISSING_REQUIRED_FIELDS -> write(document, "{\"id\":\"" + id + "\"}");
        case HUNDRED_MEGABYTES -> {
          try (FileChannel channel = FileChannel.open(document, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {' '}), 100L * 1024 * 1024 - 1);
          }
        }
        case HUNDRED_THOUSAND_LEVELS_OF_NESTING ->
            write(
                document, prefix + ",\"extra\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        case ARRAY_INSTEAD_OF_OBJECT ->
            write(document, "[" + new String(healthy, StandardCharsets.UTF_8) + "]");
        case JSON_NULL -> write(document, "null");
        case BINARY_GARBAGE -> write(document, new byte[] {0, 1, 2, 3, (byte) 0xfe, 0, 0x7f});
        case TRAILING_GARBAGE ->
            write(document, new String(healthy, StandardCharsets.UTF_8) + "}{\"id\":\"other\"}");
        case NUMBER_OUT_OF_RANGE ->
            write(document, prefix + ",\"count\":123456789012345678901234567890}");
        case ANOTHER_INSTANCES_ID ->
            write(
                document,
                new String(healthy, StandardCharsets.UTF_8)
                    .replaceFirst("\"id\"\\s*:\\s*\"" + id + "\"", "\"id\":\"someone-else\""));
        case DOCUMENT_IS_A_DIRECTORY -> {
          Files.delete(document);
          Files.createDirectory(document);
        }
        case DOCUMENT_MISSING -> Files.delete(document);
        default -> throw new AssertionError(this);
      }
    }

    private static void write(Path document, String content) throws IOException {
      write(document, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path document, byte[] content) throws IOException {
      Files.write(document, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aDamagedDocumentIsReportedNeverOverwrittenAndNeverHidesTheHealthyOnes(Damage damage)
      throws IOException {
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = store(reported)) {
      store.create("healthy-1");
      store.create("victim");
      store.create("healthy-2");
      Path document = Stores.instanceDirectory(root, "victim").resolve("instance.json");
      damage.inflict(document, "victim");
      byte[] damaged = Files.isRegularFile(document) ? Files.readAllBytes(document) : null;

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("victim"));
      assertEquals(document.toString(), e.location());
      assertTrue(
          e.getMessage().startsWith(document + ": ")
              && e.getMessage().length() > document.toString().length() + 10,
          e.getMessage());
      assertThrows(
          CorruptInstanceException.class, () -> store.update("victim", Counter::increment));
      if (damaged != null) {
        assertArrayEquals(damaged, Files.readAllBytes(document), "an update overwrote it");
      }

      assertEquals(Set.of("healthy-1", "healthy-2"), ids(store.list()));
      assertEquals(
          List.of(document.toString()),
          reported.stream().map(CorruptInstanceException::location).toList());

      assertTrue(store.delete("victim"));
      assertEquals(List.of(), store.scan().problems());
    }
  }

  @Test
  void listReturnsEveryHealthyInstanceAmongEveryKindOfDamageAtOnce() throws IOException {
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = store(reported)) {
      for (Damage damage : Damage.values()) {
        String id = "damaged-" + damage.ordinal();
        store.create("healthy-" + damage.ordinal());
        store.create(id);
        damage.inflict(Stores.instanceDirectory(root, id).resolve("instance.json"), id);
      }

      List<Counter> listed = store.list();

      assertEquals(
          Arrays.stream(Damage.values())
              .map(d -> "healthy-" + d.ordinal())
              .collect(Collectors.toSet()),
          ids(listed));
      assertEquals(Damage.values().length, reported.size());
      System.out.println(
          "corrupt documents: "
              + Damage.values().length
              + " kinds, each reported"
              + " by name, "
              + listed.size()
              + " healthy instances listed");
    }
  }

  private CounterStore store(List<CorruptInstanceException> reported) {
    return CounterStore.open(
        Counters.options(root, Durability.NONE).withCorruptionListener(reported::add));
  }

  private static Set<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).collect(Collectors.toSet());
  }
}
