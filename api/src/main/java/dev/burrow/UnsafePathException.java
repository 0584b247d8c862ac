package dev.burrow;

/**
 * Thrown when a path given for a file inside an instance could lead outside it: absolute,
 * containing {@code ..}, {@code .} or an empty segment, a segment that breaks the name rules of
 * {@link dev.burrow.spi.PathSegments}, or a symbolic link on the way; or when it leads into what
 * the store owns in the instance ({@code instance.json}, the event log's {@code events/}). Nothing
 * is touched.
 */
public class UnsafePathException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** {@code path}, relative to instance {@code instanceId}, is refused for {@code reason}. */
  public UnsafePathException(String instanceId, String path, String reason) {
    super("path \"" + path + "\" in instance '" + instanceId + "' is refused: " + reason);
  }
}
