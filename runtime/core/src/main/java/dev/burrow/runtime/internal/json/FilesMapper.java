package dev.burrow.runtime.internal.json;

import tools.jackson.databind.json.JsonMapper;

/** The Jackson mapper of instance files, event logs and shared files. */
public final class FilesMapper {
  /**
   * Jackson's defaults (those of {@code JsonMapper.shared()}), with the Jackson modules found on
   * the class path registered, as documents have them ({@code BurrowJson}): a Kotlin class is read
   * back through Jackson 3's Kotlin module when it is there.
   */
  public static final JsonMapper INSTANCE = JsonMapper.builder().findAndAddModules().build();

  private FilesMapper() {}
}
