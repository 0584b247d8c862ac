package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.testing.DurableUpdateProbe;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.test.internal.Prerequisites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces one durable update with strace and checks the system calls of the protocol, in order: the
 * temp file is created and written, fsynced, renamed onto instance.json, and then the directory is
 * fsynced. Skipped where strace is missing, or fails where every test is required ({@link
 * dev.burrow.test.internal.Prerequisites}).
 */
class StraceDurableUpdateTest {
  private static final Pattern SYSCALL =
      Pattern.compile("^(?:\\[pid\\s+)?(\\d+)\\]?\\s+(\\w+)\\((.*)$");

  @TempDir Path dir;

  @Test
  void durableUpdateWritesFsyncsRenamesThenFsyncsTheDirectory() throws Exception {
    Prerequisites.requireStrace("the syscall-order check of the durable write protocol");
    Path root = dir.resolve("root");
    List<String> trace =
        Strace.trace(
            dir,
            "update",
            "openat,write,fsync,fdatasync,rename,renameat,renameat2",
            DurableUpdateProbe.class,
            root.toString());

    List<String> steps = protocolSteps(joinResumed(trace), Stores.instanceDirectory(root, "probe"));
    assertEquals(
        List.of(
            "create temp",
            "write temp",
            "fsync temp",
            "rename temp onto instance.json",
            "open directory",
            "fsync directory"),
        steps,
        String.join("\n", trace));
  }

  /**
   * The trace with every call that another thread interrupted ({@code call(args <unfinished ...>}
   * and later {@code <... call resumed>rest}) put back on one line.
   */
  private static List<String> joinResumed(List<String> lines) {
    Map<String, String> unfinished = new HashMap<>();
    List<String> joined = new ArrayList<>();
    for (String line : lines) {
      String pid = line.trim().split("\\s+", 2)[0];
      if (line.endsWith(" <unfinished ...>")) {
        unfinished.put(pid, line.substring(0, line.length() - " <unfinished ...>".length()));
      } else if (line.contains(" resumed>") && unfinished.containsKey(pid)) {
        joined.add(unfinished.remove(pid) + line.substring(line.indexOf(" resumed>") + 9));
      } else {
        joined.add(line);
      }
    }
    return joined;
  }

  /** Part of the path of every temporary file: the session directories of the temporary area. */
  private static final String TEMP_AREA = "/.burrow/tmp/";

  /** The protocol's steps seen between the probe's BEGIN and END lines. */
  private static List<String> protocolSteps(List<String> lines, Path instanceDir) {
    List<String> steps = new ArrayList<>();
    boolean inside = false;
    String tempFd = null;
    String dirFd = null;
    for (String line : lines) {
      Matcher m = SYSCALL.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      String call = m.group(2);
      String args = m.group(3);
      if (call.equals("write") && args.startsWith("1, \"BEGIN")) {
        inside = true;
        continue;
      }
      if (call.equals("write") && args.startsWith("1, \"END")) {
        break;
      }
      if (!inside) {
        continue;
      }
      String result = line.substring(line.lastIndexOf('=') + 1).trim();
      if (call.equals("openat") && args.contains(TEMP_AREA) && args.contains("O_CREAT")) {
        tempFd = result;
        steps.add("create temp");
      } else if (call.equals("write")
          && tempFd != null
          && args.startsWith(tempFd + ",")
          && !steps.contains("write temp")) {
        steps.add("write temp");
      } else if ((call.equals("fsync") || call.equals("fdatasync"))
          && args.startsWith(tempFd + ")")
          && !steps.contains("fsync temp")) {
        steps.add("fsync temp");
      } else if (call.startsWith("rename")
          && args.contains(TEMP_AREA)
          && args.contains(instanceDir.resolve("instance.json") + "\"")) {
        steps.add("rename temp onto instance.json");
      } else if (call.equals("openat")
          && args.contains("\"" + instanceDir + "/.\"") // opened as <directory>/.
          && steps.contains("rename temp onto instance.json")) {
        dirFd = result;
        steps.add("open directory");
      } else if ((call.equals("fsync") || call.equals("fdatasync"))
          && dirFd != null
          && args.startsWith(dirFd + ")")) {
        steps.add("fsync directory");
      }
    }
    return steps;
  }
}
