package com.example.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.TempStore;
import org.junit.jupiter.api.Test;

class NoteStoreTest {
  @Test
  void theGeneratedStoreKeepsANote(@TempStore NoteStore notes) {
    String id = notes.create(c -> c.text("hello")).id();
    assertEquals("hello", notes.get(id).text());
  }
}
