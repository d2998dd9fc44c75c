package io.axon.controller.observe;

import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.task.TaskTransition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one status change from being reported twice. The reconciler compares against its cache; if
 * it writes again before the cache has caught up with its previous write, both writes start from
 * the same resourceVersion. A real API server refuses the second (409), but an API server that
 * accepts it (like the CRUD mock) would make the change look new again. Such a transition is
 * rebased on the status this process last wrote, so observers see only real changes.
 */
final class StaleWriteGuard {
  /** A stale write follows the first within moments; the most recently written Tasks suffice. */
  private static final int REMEMBERED = 1024;

  private record Written(String basedOn, TaskStatus status) {}

  private final Map<String, Written> lastByUid =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
          return size() > REMEMBERED;
        }
      };

  synchronized TaskTransition rebase(TaskTransition transition) {
    String uid = transition.task().getMetadata().getUid();
    String basedOn = transition.task().getMetadata().getResourceVersion();
    Written last = lastByUid.get(uid);
    lastByUid.put(uid, new Written(basedOn, transition.current()));
    if (last != null && basedOn != null && basedOn.equals(last.basedOn())) {
      return new TaskTransition(transition.task(), last.status(), transition.current());
    }
    return transition;
  }
}
