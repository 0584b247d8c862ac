/**
 * Burrow's API: the annotations, options, value types and exceptions a user imports ({@code
 * dev.burrow}) and the SPI that generated schemas and storage backends implement ({@code
 * dev.burrow.spi}).
 */
@SuppressWarnings("module") // the qualified export names Burrow modules built after this one
module dev.burrow.api {
  requires transitive org.jspecify;
  // Generated code carries @javax.annotation.processing.Generated (source retention): readable
  // by every module that reads Burrow's, never needed at run time.
  requires static transitive java.compiler;

  exports dev.burrow;
  exports dev.burrow.spi;
  // Making text from a data root safe to log: for Burrow's own modules only.
  exports dev.burrow.internal to
      dev.burrow.runtime,
      dev.burrow.postgres;
}
