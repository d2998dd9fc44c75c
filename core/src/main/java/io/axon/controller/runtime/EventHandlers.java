package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The informer event handlers of {@link ResourceCache}: which changes wake a reconcile. */
final class EventHandlers {
  private EventHandlers() {}

  /**
   * Passes on the adds and updates that are news to the object's Task ({@code StatusInputs}), and
   * every delete: a Task whose Job or Pod is gone must look.
   */
  static <T> ResourceEventHandler<T> whenNews(
      Predicate<T> added, BiPredicate<T, T> updated, Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        if (added.test(obj)) {
          onChange.accept(obj);
        }
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (updated.test(oldObj, newObj)) {
          onChange.accept(newObj);
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  /** Passes on adds and updates; a delete (an Event's expiry) says nothing new. */
  static <T> ResourceEventHandler<T> addsAndUpdates(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  /** Passes on every add, update and delete. */
  static <T> ResourceEventHandler<T> everyChange(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  /** Passes on adds, deletes, and updates that changed the spec (a new generation). */
  static <T extends HasMetadata> ResourceEventHandler<T> specChanges(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (!Objects.equals(
            oldObj.getMetadata().getGeneration(), newObj.getMetadata().getGeneration())) {
          onChange.accept(newObj);
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }
}
