package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.LockHolder;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

  /**
   * A second path to the lock file that canonical paths do not merge (here a second name; a bind
   * mount of a directory above the data root in use) finds the same locks: a second channel on the
   * file would let two threads of this JVM hold one instance's lock at once.
   */
  @Test
  void aSecondPathToTheLockFileFindsTheSameLocks() throws IOException {
    InstanceLocks first = locks();
    Path second =
        Files.createLink(
            dir.resolve(".burrow/locks/second-name.lock"),
            dir.resolve(".burrow/locks/instances.lock"));

    assertTrue(first == InstanceLocks.forFile(second));
  }

  /** As documented: tryLock does not wait, but an interrupt already set is reported. */
  @Test
  void tryLockOnAnInterruptedThreadThrowsEvenWhenTheLockIsFree() {
    InstanceLocks locks = locks();
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedOperationException.class, () -> locks.tryLock("free"));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
    } finally {
      Thread.interrupted();
    }
    try (InstanceLock lock = locks.tryLock("free")) {
      assertNotNull(lock);
    }
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
  void anInterruptBeforeWaitingThrowsAndKeepsInterruptStatus() throws Exception {
    InstanceLocks locks = locks();
    try (InstanceLock held = locks.lock("x", Duration.ofSeconds(1))) {
      Waiter waiter = Waiter.start(locks, "x", true);
      waiter.thread.join();
      assertEquals("x", held.instanceIds().get(0));
      waiter.assertInterruptedOut();
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void anInterruptWhileWaitingForAnotherThreadThrowsAndKeepsInterruptStatus() throws Exception {
    InstanceLocks locks = locks();
    try (InstanceLock held = locks.lock("x", Duration.ofSeconds(1))) {
      Waiter waiter = Waiter.start(locks, "x", false);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (locks.waitingFor("x") == 0) {
        assertTrue(System.nanoTime() < deadline, "the waiter never queued for the lock");
        Thread.onSpinWait();
      }
      waiter.thread.interrupt();
      waiter.thread.join();
      waiter.assertInterruptedOut();
      assertEquals("x", held.instanceIds().get(0));
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void anInterruptWhileWaitingForAnotherProcessThrowsAndDropsNoOtherLock() throws Exception {
    Path root = dir.resolve("root");
    InstanceLocks locks = InstanceLocks.forFile(root.resolve(".burrow/locks/instances.lock"));
    try (ChildJvm child = ChildJvm.start(LockHolder.class, root.toString(), "shared");
        InstanceLock mine = locks.lock("mine", Duration.ofSeconds(5))) {
      child.awaitLine("locked");
      Waiter waiter = Waiter.start(locks, "shared", false);
      // The waiter polls the OS lock: it holds the in-process lock of "shared" while it waits.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!waiter.polling()) {
        assertTrue(System.nanoTime() < deadline, "the waiter never polled the file lock");
        Thread.onSpinWait();
      }
      waiter.thread.interrupt();
      waiter.thread.join();
      waiter.assertInterruptedOut();
      try (ChildJvm other = ChildJvm.start(LockHolder.class, root.toString(), "mine", "300")) {
        other.awaitLine("timeout");
      }
      assertEquals(List.of("mine"), mine.instanceIds());
    }
  }

  /** A thread that tries to lock a name for 30 s and records how it ended. */
  private static final class Waiter {
    final Thread thread;
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    final AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();

    private Waiter(Runnable body) {
      this.thread = new Thread(body);
    }

    static Waiter start(InstanceLocks locks, String name, boolean interruptFirst) {
      Waiter[] self = new Waiter[1];
      self[0] =
          new Waiter(
              () -> {
                if (interruptFirst) {
                  Thread.currentThread().interrupt();
                }
                try {
                  locks.lock(name, Duration.ofSeconds(30)).close();
                } catch (Throwable t) {
                  self[0].thrown.set(t);
                  self[0].stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      self[0].thread.start();
      return self[0];
    }

    /** Whether the thread is parked between two polls of the OS lock. */
    boolean polling() {
      return thread.getState() == Thread.State.TIMED_WAITING
          && Arrays.stream(thread.getStackTrace())
              .anyMatch(frame -> frame.getMethodName().equals("lockRegion"));
    }

    void assertInterruptedOut() {
      assertTrue(
          thrown.get() instanceof InterruptedOperationException, String.valueOf(thrown.get()));
      assertEquals(Boolean.TRUE, stillInterrupted.get(), "the interrupt status is kept");
    }
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
  void closingAChannelOnTheLockFileItselfWouldDropOurLocks() throws Exception {
    // The pitfall the design avoids, shown so that the test below can fail: POSIX drops every lock
    // this process holds on a file when any channel on that file is closed.
    Path root = dir.resolve("root");
    InstanceLocks locks = InstanceLocks.forFile(root.resolve(".burrow/locks/instances.lock"));
    try (InstanceLock held = locks.lock("dropped", Duration.ofSeconds(1))) {
      try (FileChannel channel = FileChannel.open(locks.file(), StandardOpenOption.READ)) {
        assertTrue(channel.size() >= 0);
      }
      try (ChildJvm child =
          ChildJvm.start(LockHolder.class, root.toString(), held.instanceIds().get(0), "300")) {
        child.awaitLine("locked");
      }
    }
  }

  @Test
  void burrowsOwnFileOperationsOnTheSameRootNeverDropAHeldLock() throws Exception {
    Path root = dir.resolve("root");
    try (CounterStore store = Stores.counters(root, Durability.FSYNC);
        InstanceLock held = store.lock("kept")) {
      // Everything that opens files on this root, from this JVM, while the lock is held: a second
      // store on another spelling of the root (which sweeps), writes, reads, listing, events,
      // instance files, shared files and a delete.
      try (CounterStore again = Stores.counters(root.resolve("../root/."), Durability.FSYNC)) {
        again.create("other");
        again.update("other", Counter::incremented);
        again.compareAndSet(again.get("other").incremented());
        again.list();
        again.events("other", Step.class).append(Step.of(1));
        again.events("other", Step.class).read(0);
        again.files("other").write("state.json", Step.of(2));
        again.files("other").read("state.json", Step.class);
        again.shared().document("config", Step.class, () -> Step.of(0)).update(s -> Step.of(3));
        again.shared().createUnique("inbox", Step.of(4));
        again.delete("other");
      }
      try (ChildJvm child =
          ChildJvm.start(LockHolder.class, root.toString(), held.instanceIds().get(0), "300")) {
        child.awaitLine("timeout");
      }
    }
  }
}
