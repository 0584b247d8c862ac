package dev.burrow.runtime.codec;

import java.util.List;
import java.util.function.Function;

/** An enum constant written as its name; reading any other string names the valid ones. */
final class EnumCodec<V> extends TextCodec<V> {
  private final String typeName;
  private final List<String> constants;

  /**
   * @param typeName the enum's simple name
   * @param constants its constants' names
   * @param parse the constant named, failing for a name not in {@code constants}
   */
  EnumCodec(
      String typeName,
      List<String> constants,
      Function<V, String> format,
      Function<String, V> parse) {
    super("one of " + typeName + "'s constants " + String.join(", ", constants), format, parse);
    this.typeName = typeName;
    this.constants = List.copyOf(constants);
  }

  String typeName() {
    return typeName;
  }

  List<String> constants() {
    return constants;
  }
}
