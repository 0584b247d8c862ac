package dev.burrow.runtime.internal.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson mapper of instance files, event logs and shared files. */
public final class FilesMapper {
  /**
   * Jackson's defaults (those of {@code JsonMapper.shared()}), with the Jackson modules found on
   * the class path registered, as documents have them ({@code BurrowJson}): a Kotlin class is read
   * back through Jackson 3's Kotlin module when it is there. Like documents, JSON with a key twice
   * in one object is refused: it is damaged, and neither value can be trusted.
   */
  public static final JsonMapper INSTANCE =
      JsonMapper.builder()
          .findAndAddModules()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private FilesMapper() {}
}
