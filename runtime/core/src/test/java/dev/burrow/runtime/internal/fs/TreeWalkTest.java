package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.Fifos;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TreeWalk} visits a tree as {@link Files#walkFileTree(Path, FileVisitor)} does, whatever
 * the visitor answers, and never waits on a FIFO put in a directory's place after the look at it.
 */
class TreeWalkTest {
  @TempDir Path work;
  private Path top;

  /**
   * {@code top/{a.txt, b/{c.txt, g0.txt..g7.txt, d/{e.txt}}, f.txt, link -> b, fifo}}: files,
   * nested directories, a link (never followed) and a FIFO (never opened).
   */
  @BeforeEach
  void makeTree() throws Exception {
    top = Files.createDirectory(work.resolve("top"));
    Files.writeString(top.resolve("a.txt"), "a");
    Path b = Files.createDirectory(top.resolve("b"));
    Files.writeString(b.resolve("c.txt"), "c");
    for (int i = 0; i < 8; i++) { // so that, in any listing order, d likely has siblings after it
      Files.writeString(b.resolve("g" + i + ".txt"), "g");
    }
    Files.writeString(Files.createDirectory(b.resolve("d")).resolve("e.txt"), "e");
    Files.writeString(top.resolve("f.txt"), "f");
    Files.createSymbolicLink(top.resolve("link"), b);
    Fifos.make(top.resolve("fifo"));
  }

  /**
   * The events of both walks are the same, with the visitor answering {@code answer} (a {@link
   * FileVisitResult}) at the event named before it.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "pre b=SKIP_SUBTREE",
        "file c.txt=SKIP_SIBLINGS",
        "pre d=SKIP_SIBLINGS",
        "file e.txt=TERMINATE",
        "post d=SKIP_SIBLINGS",
        "pre top=SKIP_SUBTREE",
        "file fifo=TERMINATE"
      })
  void visitsAsFilesWalkFileTreeDoesWhateverTheVisitorAnswers(String answer) throws Exception {
    Map<String, FileVisitResult> answers =
        answer.isEmpty()
            ? Map.of()
            : Map.of(
                answer.substring(0, answer.indexOf('=')),
                FileVisitResult.valueOf(answer.substring(answer.indexOf('=') + 1)));
    Events expected = new Events(answers);
    Files.walkFileTree(top, expected);
    Events walked = new Events(answers);

    TreeWalk.walk(top, walked);

    assertEquals(expected.seen, walked.seen);
  }

  /**
   * {@link FileVisitResult#SKIP_SIBLINGS} from {@code postVisitDirectory} skips nothing, as with
   * {@link Files#walkFileTree}: answered after every directory, every file is still visited, in
   * whatever order the directories list them.
   */
  @Test
  void skipSiblingsAfterADirectoryIsTakenAsContinue() throws Exception {
    Events walked =
        new Events(Map.of()) {
          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException failure) {
            super.postVisitDirectory(dir, failure);
            return FileVisitResult.SKIP_SIBLINGS;
          }
        };

    TreeWalk.walk(top, walked);

    Events all = new Events(Map.of());
    Files.walkFileTree(top, all);
    assertEquals(all.seen.stream().sorted().toList(), walked.seen.stream().sorted().toList());
  }

  @Test
  void aDirectorySwappedForAFifoBeforeItIsListedFailsItsVisitNeverWaitedFor() throws Exception {
    Path b = top.resolve("b");
    RecordingFileSystem fs =
        RecordingFileSystem.over(
            work,
            path -> true,
            new RecordingFileSystem.Hooks() {
              @Override
              public void beforeList(Path real) throws IOException {
                if (real.normalize().equals(b)) {
                  Files.move(b, work.resolve("b-kept"));
                  Fifos.make(b);
                }
              }
            });
    Events walked = new Events(Map.of());
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20), () -> TreeWalk.walk(fs.wrap(top), walked), "blocked on a FIFO");
    } finally { // releases a walk still blocked on the FIFO (before the fix), so the JVM goes on
      if (Files.exists(b) && !Files.isDirectory(b)) {
        try (FileChannel unblock =
            FileChannel.open(b, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          unblock.write(ByteBuffer.wrap(new byte[] {'x'}));
        }
      }
    }

    assertTrue(walked.seen.contains("failed b NotDirectoryException"), walked.seen.toString());
    assertTrue(walked.seen.contains("post top"), walked.seen.toString());
  }

  /** Records each event as "kind name[ exception]" and answers as {@code answers} say. */
  private static class Events implements FileVisitor<Path> {
    final List<String> seen = new ArrayList<>();
    private final Map<String, FileVisitResult> answers;

    Events(Map<String, FileVisitResult> answers) {
      this.answers = answers;
    }

    private FileVisitResult record(String kind, Path path, @Nullable IOException failure) {
      String event = kind + " " + path.getFileName();
      seen.add(failure == null ? event : event + " " + failure.getClass().getSimpleName());
      return answers.getOrDefault(event, FileVisitResult.CONTINUE);
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      return record("pre", dir, null);
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      return record("file", file, null);
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) {
      return record("failed", file, failure);
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException failure) {
      return record("post", dir, failure);
    }
  }
}
