package test.golden;

import dev.burrow.InstanceDirectory;
import java.nio.file.Path;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.NullMarked;

/**
 * The directory of one {@link Order} instance and its declared subdirectories,
 * which are created with the instance and removed with it. Obtained from
 * {@link OrderStore#dirs(String)}.
 */
@Generated("dev.burrow.processor.InstanceProcessor")
@NullMarked
@SuppressWarnings({"deprecation", "removal"})
public final class OrderDirs {
  private final InstanceDirectory directory;

  OrderDirs(InstanceDirectory directory) {
    this.directory = directory;
  }

  /**
   * The instance's ID.
   */
  public String instanceId() {
    return directory.instanceId();
  }

  /**
   * The instance's directory.
   */
  public Path root() {
    return directory.root();
  }

  /**
   * The {@code attachments} subdirectory.
   */
  public Path attachments() {
    return directory.subdirectory("attachments");
  }

  /**
   * The {@code audit-log} subdirectory.
   */
  public Path auditLog() {
    return directory.subdirectory("audit-log");
  }
}
