package dev.burrow;

/**
 * Where a store keeps its documents and locks, chosen when it is opened: pass one to a generated
 * store's {@code open(Backend, StoreOptions)}. Without one, a store uses the filesystem backend at
 * the options' data root. The PostgreSQL backend comes from {@code
 * dev.burrow.postgres.PostgresBackend} in the {@code burrow-postgres} artifact.
 *
 * <p>This is the user's handle: it has no methods a user calls. A backend author implements {@link
 * dev.burrow.spi.StorageBackendFactory}, which extends this interface and opens the backend when a
 * store is opened; a store opened with a {@code Backend} that does not implement it throws {@link
 * MisuseException}.
 *
 * <p>Implementations are immutable descriptions (what to connect to, with which options); nothing
 * is opened until a store is.
 */
public interface Backend {}
