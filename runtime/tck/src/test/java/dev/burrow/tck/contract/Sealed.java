package dev.burrow.tck.contract;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UnknownFields;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/**
 * An instance type the processor accepts but whose {@link Box} Jackson writes in a form it cannot
 * read back under {@link UnknownFields#FAIL}: the box's read-only {@code length} property is
 * written, and refused as unknown when read. Stores must refuse such a write instead of
 * acknowledging data that no later read returns.
 */
@Instance(name = "contract-sealed", unknownFields = UnknownFields.FAIL)
public record Sealed(@InstanceId String id, @Version long version, @Nullable Box box) {

  /** A bean with a computed, read-only property. */
  public static final class Box {
    private String content = "";

    public String getContent() {
      return content;
    }

    public void setContent(String content) {
      this.content = content;
    }

    public int getLength() {
      return content.length();
    }
  }
}
