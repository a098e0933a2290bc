package io.isowatch.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandOffThreadTest {
  @Test
  void runsTheTaskOnItsOwnThreadWhileTheOwnerWorks() throws Exception {
    AtomicReference<String> ranOn = new AtomicReference<>();
    CountDownLatch ownerWorking = new CountDownLatch(1);
    try (HandOffThread<Object> thread = new HandOffThread<Object>("judge-test")) {
      thread.start(
          () -> {
            // Ends only once the owner is working after start: the two ran at the same time.
            assertThat(ownerWorking.await(10, TimeUnit.SECONDS)).isTrue();
            ranOn.set(Thread.currentThread().getName());
            return null;
          });
      ownerWorking.countDown();
      thread.await();
    }
    assertThat(ranOn.get()).isEqualTo("judge-test");
  }

  @Test
  void aSecondTaskWhileOneIsInFlightIsRefused() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (HandOffThread<Object> thread = new HandOffThread<Object>("judge-test")) {
      thread.start(() -> release.await(10, TimeUnit.SECONDS));
      assertThat(thread.inFlight()).isTrue();

      assertThatThrownBy(() -> thread.start(() -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("await it first");

      release.countDown();
      thread.await();
      assertThat(thread.inFlight()).isFalse();
      thread.start(() -> null);
      thread.await();
    }
  }

  @Test
  void awaitThrowsWhatTheTaskThrewAsItThrewIt() throws Exception {
    IOException checked = new IOException("sink down");
    IllegalStateException unchecked = new IllegalStateException("bad state");
    AssertionError error = new AssertionError("broken");
    try (HandOffThread<Object> thread = new HandOffThread<Object>("judge-test")) {
      thread.start(
          () -> {
            throw checked;
          });
      assertThatThrownBy(thread::await).isSameAs(checked);
      thread.start(
          () -> {
            throw unchecked;
          });
      assertThatThrownBy(thread::await).isSameAs(unchecked);
      thread.start(
          () -> {
            throw error;
          });
      assertThatThrownBy(thread::await).isSameAs(error);
      // The thread carries on after a failure.
      AtomicReference<String> after = new AtomicReference<>();
      thread.start(() -> after.getAndSet("ran"));
      thread.await();
      assertThat(after.get()).isEqualTo("ran");
    }
  }

  @Test
  void anInterruptedOwnerStillWaitsForTheTaskAndKeepsItsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> finished = new AtomicReference<>(false);
    try (HandOffThread<Object> thread = new HandOffThread<Object>("judge-test")) {
      thread.start(
          () -> {
            started.countDown();
            Thread.sleep(200);
            finished.set(true);
            return null;
          });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.currentThread().interrupt();
      thread.await();
      assertThat(Thread.interrupted()).as("interrupt status restored").isTrue();
      assertThat(finished.get()).as("the task had ended").isTrue();
    }
  }

  @Test
  void closeEndsTheThreadOnceItsTaskIsDone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HandOffThread<Object> thread = new HandOffThread<Object>("judge-test");
    thread.start(() -> release.await(10, TimeUnit.SECONDS));
    thread.close();
    assertThat(thread.ended()).as("its task is still running").isFalse();
    release.countDown();
    assertThat(thread.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
    thread.await();
  }

  @Test
  void aThreadNeverHandedATaskEndsAtOnce() throws Exception {
    HandOffThread<Object> thread = new HandOffThread<Object>("judge-test");
    thread.await();
    thread.close();
    assertThat(thread.awaitEnd(10, TimeUnit.SECONDS)).isTrue();
  }
}
