/**
 * The SPI, for generated code and backend authors; users import {@code dev.burrow} only.
 *
 * <p>The schema SPI: what Burrow's runtime needs to know about one annotated type ({@link
 * dev.burrow.spi.InstanceSchema}). The annotation processor generates an implementation per
 * {@code @Instance} type; a hand-written implementation works the same way.
 *
 * <p>The backend SPI: a backend implements {@link dev.burrow.spi.StorageBackendFactory} (the {@link
 * dev.burrow.Backend} a user passes when opening a store), which opens a {@link
 * dev.burrow.spi.StorageBackend} per store. This package uses {@code dev.burrow}, never the other
 * way round.
 */
@NullMarked
package dev.burrow.spi;

import org.jspecify.annotations.NullMarked;
