package dev.burrow.runtime.testing;

import dev.burrow.runtime.internal.fs.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child main: starts a session in the temporary area of the data root {@code args[0]}, writes a
 * temporary file in it as if it were about to replace {@code instance.json}, prints the file's path
 * and keeps the session until its stdin closes or it is killed.
 */
public final class TempFileHolder {
  private TempFileHolder() {}

  public static void main(String[] args) throws IOException {
    Path temp = TempFiles.forRoot(Path.of(args[0])).newPath(Path.of("instance.json"));
    Files.writeString(temp, "{ half a document");
    System.out.println(temp);
    System.out.flush();
    while (System.in.read() >= 0) {
      // keep the session until the parent closes stdin
    }
  }
}
