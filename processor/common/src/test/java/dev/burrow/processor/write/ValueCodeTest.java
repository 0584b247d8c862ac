package dev.burrow.processor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.model.ValueType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueCodeTest {

  /** The model's promise of a natural default, on which the reader's diagnostics rely. */
  @ParameterizedTest
  @EnumSource(ScalarType.class)
  void aNaturalDefaultIsWrittenExactlyWhereTheModelPromisesOne(ScalarType type) {
    ValueType value = new ValueType.Scalar(type);
    assertEquals(value.hasNaturalDefault(), ValueCode.naturalDefault(value) != null);
  }
}
