package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.LockHolder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLocksTest {
  @TempDir Path dir;

  private InstanceLocks locks() {
    return InstanceLocks.forFile(dir.resolve(".burrow/locks/instances.lock"));
  }

  @Test
  void registryIsEmptyAfterAMillionDistinctNamesWereLockedAndReleased() {
    InstanceLocks locks = locks();
    for (int i = 0; i < 1_000_000; i++) {
      try (InstanceLock lock = locks.lock("instance-" + i, Duration.ofSeconds(5))) {
        assertEquals(1, locks.activeNames(), lock.instanceIds().toString());
      }
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void oneLockFileObjectPerFilePerJvm() {
    assertTrue(locks() == locks());
    assertTrue(
        locks() == InstanceLocks.forFile(dir.resolve(".burrow/locks/../locks/instances.lock")));
  }

  @Test
  void reentrantForTheHoldingThread() {
    InstanceLocks locks = locks();
    try (InstanceLock outer = locks.lock("a", Duration.ofSeconds(1));
        InstanceLock inner = locks.lock("a", Duration.ofSeconds(1))) {
      assertEquals(outer.instanceIds(), inner.instanceIds());
      assertEquals(1, locks.activeNames());
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void anotherThreadTimesOutWithTheInstanceNamed() throws Exception {
    InstanceLocks locks = locks();
    try (InstanceLock held = locks.lock("busy", Duration.ofSeconds(1))) {
      ExecutorService other = Executors.newSingleThreadExecutor();
      Future<?> attempt = other.submit(() -> locks.lock("busy", Duration.ofMillis(50)));
      Exception e = assertThrows(Exception.class, attempt::get);
      other.shutdown();
      LockTimeoutException timeout = (LockTimeoutException) e.getCause();
      assertEquals("busy", timeout.instanceId());
      assertTrue(timeout.getMessage().contains("'busy'"), timeout.getMessage());
      assertEquals(held.instanceIds().get(0), timeout.instanceId());
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void holdingOneInstanceNeverBlocksAnother() throws Exception {
    InstanceLocks locks = locks();
    CountDownLatch aHeld = new CountDownLatch(1);
    CountDownLatch bDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<?> holder =
        pool.submit(
            () -> {
              try (InstanceLock a = locks.lock("a", Duration.ofSeconds(5))) {
                aHeld.countDown();
                bDone.await();
              }
              return null;
            });
    aHeld.await();
    Future<?> other =
        pool.submit(
            () -> {
              try (InstanceLock b = locks.lock("b", Duration.ZERO)) {
                return b.instanceIds().get(0);
              }
            });
    assertEquals("b", other.get(30, TimeUnit.SECONDS));
    bDone.countDown();
    holder.get();
    pool.shutdown();
  }

  @Test
  void interruptWhileWaitingThrowsAndKeepsInterruptStatus() throws Exception {
    InstanceLocks locks = locks();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    try (InstanceLock held = locks.lock("x", Duration.ofSeconds(1))) {
      Thread waiter =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  locks.lock("x", Duration.ofSeconds(30));
                } catch (Throwable t) {
                  thrown.set(t);
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      waiter.start();
      waiter.join();
      assertEquals(held.instanceIds().get(0), "x");
    }
    assertTrue(thrown.get() instanceof BurrowException, String.valueOf(thrown.get()));
    assertEquals(Boolean.TRUE, stillInterrupted.get());
    assertEquals(0, locks.activeNames());
  }

  @Test
  void anotherProcessHoldingTheLockMakesUsWaitAndTimeOut() {
    Path root = dir.resolve("root");
    try (ChildJvm child = ChildJvm.start(LockHolder.class, root.toString(), "shared")) {
      child.awaitLine("locked");
      InstanceLocks locks = InstanceLocks.forFile(root.resolve(".burrow/locks/instances.lock"));

      LockTimeoutException e =
          assertThrows(
              LockTimeoutException.class, () -> locks.lock("shared", Duration.ofMillis(200)));
      assertEquals("shared", e.instanceId());
      assertNull(locks.tryLock("shared"));
      try (InstanceLock other = locks.lock("other", Duration.ZERO)) {
        assertNotNull(other);
      }

      child.kill();
      try (InstanceLock mine = locks.lock("shared", Duration.ofSeconds(30))) {
        assertEquals("shared", mine.instanceIds().get(0));
      }
    }
  }

  @Test
  void closingAnUnrelatedChannelDoesNotDropOurLocks() throws Exception {
    Path root = dir.resolve("root");
    InstanceLocks locks = InstanceLocks.forFile(root.resolve(".burrow/locks/instances.lock"));
    try (InstanceLock held = locks.lock("kept", Duration.ofSeconds(1))) {
      Path unrelated = root.resolve("unrelated.txt");
      Files.writeString(unrelated, "x");
      try (FileChannel channel = FileChannel.open(unrelated, StandardOpenOption.READ)) {
        assertEquals(1, channel.size());
      }
      try (ChildJvm child =
          ChildJvm.start(LockHolder.class, root.toString(), held.instanceIds().get(0), "300")) {
        child.awaitLine("timeout");
      }
    }
  }
}
