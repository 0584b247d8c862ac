/**
 * Support for the JSON codecs that Burrow's annotation processor generates: the shared {@link
 * dev.burrow.runtime.codec.BurrowJson} mapper, {@link dev.burrow.runtime.codec.ValueCodec}s for
 * every supported component type, and the {@link dev.burrow.runtime.codec.DocumentWriter} and
 * {@link dev.burrow.runtime.codec.DocumentReader} that write and read one flat document.
 *
 * <p><b>For generated code only; not a user API.</b> The package is exported only because the code
 * the processor generates in a user's module must reach it. Nothing here is promised to stay
 * compatible beyond the generated code of the same Burrow version: any type or member may change or
 * go in any release, and generated code must be regenerated with the Burrow it runs on. Users work
 * with the generated store and schema and the {@code dev.burrow} package.
 *
 * <p>How values are written: strings, booleans, {@code int}, {@code short}, {@code byte}, {@code
 * float} and {@code double} as their JSON counterparts; {@code long}, {@code BigInteger} and {@code
 * BigDecimal} as decimal <em>strings</em>, because JSON readers that hold numbers as doubles
 * (JavaScript, jq) silently change 64-bit values such as Snowflake IDs (the same rule as protobuf's
 * JSON mapping); reading accepts a number or a string for them. The one exception is the
 * {@code @Version} component, a small counter written as a JSON number. Enums by constant name;
 * {@code java.time} types, {@code UUID}, {@code URI} and {@code Path} as their ISO-8601 or
 * canonical string. Lists and sets as arrays, maps as objects; any other type (a nested record or
 * class) is written by Jackson databind with {@link
 * dev.burrow.runtime.codec.BurrowJson#mapper(dev.burrow.UnknownFields)}.
 */
@NullMarked
package dev.burrow.runtime.codec;

import org.jspecify.annotations.NullMarked;
