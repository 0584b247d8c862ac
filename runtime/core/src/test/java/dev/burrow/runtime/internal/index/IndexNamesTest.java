package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Index keys become safe, portable, distinct file names, however hostile the key. */
class IndexNamesTest {
  private static final Pattern SAFE = Pattern.compile("[=#][a-z0-9._=#~-]*");

  static List<String> keys() {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "",
                ".",
                "..",
                "../../etc/passwd",
                "/",
                "a/b",
                "a\\b",
                "nul\0byte",
                "\0",
                "new\nline",
                "RUNNING",
                "running",
                "Running",
                "CON",
                "con",
                "NUL",
                "lpt9.log",
                "trailing.",
                "trailing ",
                "_002f",
                "=a",
                "#a",
                "a~b",
                "\ud800",
                "\udc00",
                "\ud83d\ude00",
                "e\u0301",
                "\u00e9",
                "\u00c9",
                "rtl\u202eexe",
                "fullwidth\uff0e\uff0e",
                "x".repeat(119),
                "x".repeat(120),
                "x".repeat(121),
                "x".repeat(255),
                "x".repeat(10_000),
                "\u00e9".repeat(300),
                "A".repeat(61) + "1",
                "A".repeat(61) + "2"));
    return keys;
  }

  @Test
  void everyNameIsOneSafeLowerCaseFileNameOfAtMost126Characters() {
    for (String key : keys()) {
      String name = IndexNames.of(key);
      assertTrue(SAFE.matcher(name).matches(), () -> key + " gave " + name);
      assertTrue(name.length() <= 126, () -> key + " gave " + name.length() + " characters");
      assertTrue(!name.endsWith("."), name);
      assertEquals(name.toLowerCase(Locale.ROOT), name);
    }
  }

  @Test
  void distinctKeysGetDistinctNamesAlsoOnCaseInsensitiveFileSystems() {
    Map<String, String> seen = new HashMap<>();
    for (String key : keys()) {
      String previous = seen.put(IndexNames.of(key).toLowerCase(Locale.ROOT), key);
      assertTrue(previous == null, () -> "'" + previous + "' and '" + key + "' share a name");
    }
    assertNotEquals(IndexNames.NULL, IndexNames.ofKey(""));
    assertEquals(IndexNames.NULL, IndexNames.ofKey(null));
  }

  /**
   * What a replay of a log takes for a value's or an index's name: every name a key gets, and
   * nothing else, so a planted line cannot make a marker, a shard or a path outside the index.
   */
  @Test
  void onlyTheNamesKeysGetAreNames() {
    for (String key : keys()) {
      assertTrue(IndexNames.isName(IndexNames.of(key)), key);
    }
    assertTrue(IndexNames.isName(IndexNames.NULL));
    for (String planted :
        List.of(
            "",
            ".",
            "..",
            FieldIndex.UNMAINTAINED,
            FieldIndex.READY + "=.r.u.n.n.i.n.g",
            FieldIndex.READY + "~",
            "3881@18",
            "RUNNING",
            "=RUNNING",
            "=_zz",
            "=_002",
            "=a/b",
            "#abc",
            "#abc~" + "0".repeat(63),
            "#abc~" + "A".repeat(64),
            "#a/b~" + "0".repeat(64))) {
      assertFalse(IndexNames.isName(planted), planted);
    }
  }

  @Test
  void shortKeysStayReadableAndLongOnesAreHashed() {
    assertEquals("=.r.u.n.n.i.n.g", IndexNames.of("RUNNING"));
    assertEquals("=task-42", IndexNames.of("task-42"));
    assertEquals("=a_002fb", IndexNames.of("a/b"));
    assertEquals("=", IndexNames.of(""));
    assertTrue(IndexNames.of("x".repeat(121)).startsWith("#" + "x".repeat(60) + "~"));
    assertEquals(1 + 60 + 1 + 64, IndexNames.of("x".repeat(10_000)).length());
  }

  @Test
  void aReadableNameGivesBackItsTextForMessages() {
    for (String text : List.of("owner", "customerId", "RUNNING", "a/b c", "été", "x\u0000y")) {
      assertEquals(text, IndexNames.textOf(IndexNames.of(text)), text);
    }
    assertEquals(null, IndexNames.textOf(IndexNames.of("x".repeat(200))), "a hashed name");
    assertEquals(null, IndexNames.textOf(IndexNames.NULL));
  }
}
