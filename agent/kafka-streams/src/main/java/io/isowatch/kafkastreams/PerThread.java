package io.isowatch.kafkastreams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One instance of a resource per stream thread, made on first use: the ONNX session and the
 * tokenizer-backed encoder are not to be shared between threads, and a task always runs on the
 * thread that owns it. Instances of threads that have died (a replaced stream thread) are closed
 * when a new one is made, so there are never more than the live stream threads.
 */
final class PerThread<T> implements AutoCloseable {
  private final Supplier<T> factory;
  private final Map<Thread, T> instances = new ConcurrentHashMap<>();

  PerThread(Supplier<T> factory) {
    this.factory = factory;
  }

  T get() {
    Thread thread = Thread.currentThread();
    T instance = instances.get(thread);
    if (instance != null) {
      return instance;
    }
    instances
        .entrySet()
        .removeIf(entry -> !entry.getKey().isAlive() && closeQuietly(entry.getValue()));
    instance = factory.get();
    instances.put(thread, instance);
    return instance;
  }

  int size() {
    return instances.size();
  }

  @Override
  public void close() {
    instances.values().forEach(PerThread::closeQuietly);
    instances.clear();
  }

  private static boolean closeQuietly(Object instance) {
    if (!(instance instanceof AutoCloseable resource)) {
      return true;
    }
    try {
      resource.close();
    } catch (Exception e) {
      // A resource that fails to close is dropped all the same.
    }
    return true;
  }
}
