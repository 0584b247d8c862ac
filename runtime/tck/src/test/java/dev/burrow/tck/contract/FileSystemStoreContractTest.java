package dev.burrow.tck.contract;

import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.StorageBackendFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The store contract on the filesystem backend. */
class FileSystemStoreContractTest extends StoreContract {

  @Override
  protected StorageBackendFactory backend() {
    return FileSystemBackend::open;
  }

  @Override
  protected String plant(Path localRoot, String kind, String id, long version, String document)
      throws Exception {
    Path file = Stores.instanceDirectory(localRoot, id).resolve("instance.json");
    Files.createDirectories(file.getParent());
    Files.write(file, document.getBytes(StandardCharsets.UTF_8));
    return file.toString();
  }
}
