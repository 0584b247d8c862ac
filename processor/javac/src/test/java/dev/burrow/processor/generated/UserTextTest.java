package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** User text reaches generated code, and its values, exactly as written. */
class UserTextTest {

  @Test
  void theDefaultDataRootIsKeptAsWritten() {
    assertEquals(UserText.ROOT, UserTextSchema.INSTANCE.layout().defaultDataRoot());
  }

  @Test
  void defaultLiteralsWithLineSeparatorsAreKeptAsWritten() {
    UserText fresh = UserTextSchema.INSTANCE.fresh("a");
    assertEquals(UserText.SEPARATED, fresh.text());
    assertEquals(Path.of(UserText.SEPARATED), fresh.path());
  }
}
