package io.axon.controller.pipeline;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who may work on a repository's branch now. Tasks with the same {@code spec.branch} whose
 * Workspaces name the same repository run one at a time. The lock is not stored anywhere: it is
 * derived from the live Tasks each time, so a restarted controller (or a new leader) reaches the
 * same answer.
 *
 * <ul>
 *   <li>The holder is an unfinished Task of the group that has a Job: it keeps the lock until it
 *       finishes or is deleted.
 *   <li>With no holder, the next is the oldest (creation time, then namespace and name) unfinished
 *       Task of the group whose dependencies all succeeded: every reconcile picks the same one, so
 *       two Tasks can never both take the lock.
 * </ul>
 */
public final class BranchLock {

  /** The outcome for one Task. */
  public sealed interface State {}

  /** This Task may take the branch now. */
  public record Free() implements State {}

  /** Another Task works on the branch. */
  public record Held(Task holder) implements State {}

  /** No one works on the branch, but an older Task goes first. */
  public record Queued(Task first) implements State {}

  private static final Comparator<Task> AGE =
      Comparator.comparing(
              (Task t) -> t.getMetadata().getCreationTimestamp(),
              Comparator.nullsLast(Comparator.<String>naturalOrder()))
          .thenComparing(t -> t.getMetadata().getNamespace())
          .thenComparing(t -> t.getMetadata().getName());

  private BranchLock() {}

  /**
   * @param repo the repository of this Task's Workspace
   * @param sameBranch the Tasks whose spec.branch is this Task's (it may be among them)
   * @param repoOf another Task's repository, when its Workspace is known
   * @param hasJob whether a Task has its Job (or one is being created)
   * @param ready whether a Task's dependencies all succeeded
   */
  public static State of(
      Task task,
      String repo,
      List<Task> sameBranch,
      Function<Task, Optional<String>> repoOf,
      Predicate<Task> hasJob,
      Predicate<Task> ready) {
    String key = normalize(repo);
    List<Task> group =
        sameBranch.stream()
            .filter(t -> !sameTask(t, task))
            .filter(t -> t.getMetadata().getDeletionTimestamp() == null)
            .filter(t -> !finished(t))
            .filter(t -> repoOf.apply(t).map(BranchLock::normalize).filter(key::equals).isPresent())
            .toList();
    Optional<Task> holder = group.stream().filter(hasJob).min(AGE);
    if (holder.isPresent()) {
      return new Held(holder.get());
    }
    Optional<Task> older =
        group.stream().filter(ready).filter(t -> AGE.compare(t, task) < 0).min(AGE);
    return older.<State>map(Queued::new).orElseGet(Free::new);
  }

  /** The same repository however its URL is spelled: case of the host, a trailing .git or /. */
  static String normalize(String repo) {
    String url = repo.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (url.endsWith(".git")) {
      url = url.substring(0, url.length() - 4);
    }
    int scheme = url.indexOf("://");
    int hostEnd = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    return hostEnd < 0
        ? url.toLowerCase(Locale.ROOT)
        : url.substring(0, hostEnd).toLowerCase(Locale.ROOT) + url.substring(hostEnd);
  }

  private static boolean sameTask(Task a, Task b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }

  private static boolean finished(Task task) {
    TaskPhase phase = task.getStatus() == null ? null : task.getStatus().getPhase();
    return phase != null && phase.isFinished();
  }
}
