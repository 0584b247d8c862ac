package dev.burrow.runtime.internal.text;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Finding one member of a JSON object without reading the others' values into memory. */
public final class TopLevelMembers {
  private TopLevelMembers() {}

  /**
   * Advances {@code in}, which has just read an object's {@code START_OBJECT}, to the value of the
   * first of the object's own members (none nested) whose name {@code named} accepts, skipping the
   * others' values.
   *
   * @return the value's token, on which {@code in} then stands; null if no member is so named
   * @throws tools.jackson.core.JacksonException if the JSON is malformed before such a member
   */
  public static @Nullable JsonToken seek(JsonParser in, Predicate<String> named) {
    for (JsonToken token = in.nextToken();
        token == JsonToken.PROPERTY_NAME;
        token = in.nextToken()) {
      String name = in.currentName();
      JsonToken value = in.nextToken();
      if (name != null && named.test(name)) {
        return value;
      }
      in.skipChildren();
    }
    return null;
  }
}
