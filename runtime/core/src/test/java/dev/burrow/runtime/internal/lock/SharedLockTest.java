package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.SharedLockHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SharedLock}: held together by many, or alone by one, across threads and processes. */
class SharedLockTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path root;

  private InstanceLocks locks() {
    return InstanceLocks.forRoot(root);
  }

  private SharedLock lock() {
    return locks().shared("gate");
  }

  private ChildJvm child(String mode, Duration timeout) {
    return ChildJvm.start(
        SharedLockHolder.class, root.toString(), "gate", mode, Long.toString(timeout.toMillis()));
  }

  /** Runs {@code attempt} on another thread and returns what it got. */
  private static SharedLock.@Nullable Hold onAnotherThread(
      Supplier<SharedLock.@Nullable Hold> attempt) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              SharedLock.Hold hold = attempt.get();
              if (hold != null) {
                hold.close();
              }
              return hold;
            })
        .get(1, TimeUnit.MINUTES);
  }

  @Test
  void oneObjectPerNameAndNoInstanceLockSharesItsBytes() {
    assertSame(lock(), lock());
    try (SharedLock.Hold alone = lock().exclusive(Duration.ZERO);
        InstanceLock instance = locks().lock("gate", Duration.ZERO)) {
      assertNotNull(alone);
      assertEquals("gate", instance.instanceIds().get(0));
    }
  }

  @Test
  void threadsHoldItTogetherAndOneTakingItAloneWaitsForThemAll() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try (SharedLock.Hold hold = lock().share(LONG)) {
                assertNotNull(hold);
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            });
    held.await();

    try (SharedLock.Hold mine = lock().share(Duration.ZERO)) {
      assertNotNull(mine, "shared by two threads at once");
    }
    assertNull(lock().exclusive(SHORT), "taken alone while another thread shares it");

    release.countDown();
    holder.get(1, TimeUnit.MINUTES);
    try (SharedLock.Hold alone = lock().exclusive(Duration.ZERO)) {
      assertNotNull(alone);
      assertNull(onAnotherThread(() -> lock().share(SHORT)), "shared while held alone");
      assertNull(onAnotherThread(() -> lock().exclusive(SHORT)), "held alone twice");
    }
    assertNotNull(onAnotherThread(() -> lock().share(Duration.ZERO)));
  }

  @Test
  void anotherProcessSharingItKeepsUsFromHoldingItAloneButNotFromSharing() {
    try (ChildJvm child = child("share", LONG)) {
      child.awaitLine("held");
      try (SharedLock.Hold mine = lock().share(Duration.ZERO)) {
        assertNotNull(mine);
      }
      assertNull(lock().exclusive(SHORT));

      child.kill();
      try (SharedLock.Hold alone = lock().exclusive(LONG)) {
        assertNotNull(alone, "the lock went with the process");
      }
    }
  }

  @Test
  void anotherProcessHoldingItAloneKeepsUsFromSharing() {
    try (ChildJvm child = child("exclusive", LONG)) {
      child.awaitLine("held");
      assertNull(lock().share(SHORT));
      assertNull(lock().exclusive(SHORT));

      child.kill();
      try (SharedLock.Hold mine = lock().share(LONG)) {
        assertNotNull(mine);
      }
    }
  }

  /**
   * While a thread here shares the lock, this JVM holds the OS lock shared for as long as any of
   * its threads does. A process waiting to hold it alone must not wait for ever behind threads that
   * keep arriving: once it waits, new shared takers wait behind it.
   */
  @Test
  void sharedTakersArrivingWhileAnotherProcessWaitsToHoldItAloneQueueBehindIt() throws Exception {
    SharedLock.Hold first = lock().share(Duration.ZERO);
    assertNotNull(first);
    try (ChildJvm child = child("exclusive", LONG)) {
      child.awaitLine("waiting");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      for (SharedLock.Hold next = lock().share(Duration.ZERO);
          next != null;
          next = lock().share(Duration.ZERO)) {
        next.close();
        assertTrue(System.nanoTime() < deadline, "new shared takers never waited behind it");
        Thread.onSpinWait();
      }

      first.close();
      child.awaitLine("held");
      assertNull(lock().share(SHORT), "held alone by the other process");
    }
  }

  @Test
  void anInterruptWhileWaitingThrowsAndKeepsTheInterruptStatus() throws Exception {
    AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
    AtomicReference<@Nullable Boolean> stillInterrupted = new AtomicReference<>();
    try (SharedLock.Hold alone = lock().exclusive(Duration.ZERO)) {
      assertNotNull(alone);
      Thread waiter =
          new Thread(
              () -> {
                try {
                  lock().share(LONG);
                } catch (Throwable t) {
                  thrown.set(t);
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      waiter.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (lock().waiting() == 0) {
        assertTrue(System.nanoTime() < deadline, "the waiter never queued");
        Thread.onSpinWait();
      }
      waiter.interrupt();
      waiter.join();
    }
    assertTrue(thrown.get() instanceof InterruptedOperationException, String.valueOf(thrown.get()));
    assertEquals(Boolean.TRUE, stillInterrupted.get());
    try (SharedLock.Hold mine = lock().share(Duration.ZERO)) {
      assertNotNull(mine, "nothing was left held");
    }
  }
}
