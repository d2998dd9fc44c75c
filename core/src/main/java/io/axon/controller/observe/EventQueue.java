package io.axon.controller.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events waiting to be written, so a slow API server never holds up reconciling. Each
 * waiting Event is a small record (a reference to its object, reason and message), never the object
 * itself. Bounded: a repeat of an Event still waiting only counts one more, and when full the
 * oldest waiting Event is dropped and counted. A few writer threads share the work; all Events of
 * one object go through the same one, so they are written in the order they happened.
 */
public final class EventQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  /** One Event to write; equal records are repeats of each other. */
  record Pending(ObjectReference about, String type, String reason, String message) {}

  /** Writes one Event that happened {@code times} times; blocking. */
  @FunctionalInterface
  public interface Writer {
    void write(ObjectReference about, String type, String reason, String message, int times);
  }

  private final Writer writer;
  private final Runnable onDropped;
  private final List<Lane> lanes = new ArrayList<>();

  /**
   * @param writer writes an Event, usually {@link EventRecorder#record}
   * @param writers writer threads
   * @param capacity Events waiting at most, over all writers
   * @param onDropped told of every Event dropped because the queue was full
   */
  public EventQueue(Writer writer, int writers, int capacity, Runnable onDropped) {
    this.writer = writer;
    this.onDropped = onDropped;
    for (int i = 0; i < writers; i++) {
      Lane lane = new Lane(Math.max(1, capacity / writers));
      lanes.add(lane);
      Thread thread = new Thread(lane, "axon-kubernetes-events-" + i);
      thread.setDaemon(true);
      lane.thread = thread;
      thread.start();
    }
  }

  /** Queues an Event of something that went as expected. */
  public void normal(HasMetadata object, String reason, String message) {
    offer(new Pending(EventRecorder.reference(object), EventRecorder.NORMAL, reason, message));
  }

  /** Queues an Event of something a person may need to act on. */
  public void warning(HasMetadata object, String reason, String message) {
    offer(new Pending(EventRecorder.reference(object), EventRecorder.WARNING, reason, message));
  }

  /** Events waiting to be written. */
  public int size() {
    int size = 0;
    for (Lane lane : lanes) {
      size += lane.size();
    }
    return size;
  }

  /** Writes what is waiting for up to {@code grace}, then stops the writers. */
  public void close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    lanes.forEach(Lane::stop);
    for (Lane lane : lanes) {
      try {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        lane.thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      lane.thread.interrupt();
    }
    int left = size();
    if (left > 0) {
      LOG.warn("Stopped with {} Kubernetes Events not written", left);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }

  private void offer(Pending event) {
    String uid = event.about().getUid();
    int hash = uid == null ? event.about().getName().hashCode() : uid.hashCode();
    lanes.get(Math.floorMod(hash, lanes.size())).offer(event);
  }

  /** One writer and what waits for it, oldest first, each with its count of repeats. */
  private final class Lane implements Runnable {
    private final int capacity;
    private final LinkedHashMap<Pending, Integer> waiting = new LinkedHashMap<>();
    private boolean stopping;
    Thread thread;

    Lane(int capacity) {
      this.capacity = capacity;
    }

    synchronized void offer(Pending event) {
      if (stopping) {
        onDropped.run();
        return;
      }
      Integer repeats = waiting.get(event);
      if (repeats != null) {
        waiting.put(event, repeats + 1);
        return;
      }
      if (waiting.size() >= capacity) {
        Iterator<Map.Entry<Pending, Integer>> oldest = waiting.entrySet().iterator();
        oldest.next();
        oldest.remove();
        onDropped.run();
      }
      waiting.put(event, 1);
      notifyAll();
    }

    synchronized int size() {
      return waiting.size();
    }

    synchronized void stop() {
      stopping = true;
      notifyAll();
    }

    private synchronized Map.Entry<Pending, Integer> take() throws InterruptedException {
      while (waiting.isEmpty()) {
        if (stopping) {
          return null;
        }
        wait();
      }
      Iterator<Map.Entry<Pending, Integer>> oldest = waiting.entrySet().iterator();
      Map.Entry<Pending, Integer> first = oldest.next();
      Map.Entry<Pending, Integer> next = Map.entry(first.getKey(), first.getValue());
      oldest.remove();
      return next;
    }

    @Override
    public void run() {
      try {
        for (Map.Entry<Pending, Integer> next = take(); next != null; next = take()) {
          Pending event = next.getKey();
          try {
            writer.write(
                event.about(), event.type(), event.reason(), event.message(), next.getValue());
          } catch (RuntimeException e) {
            LOG.warn("Could not record Event {}: {}", event.reason(), e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
