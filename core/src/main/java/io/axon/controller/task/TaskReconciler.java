package io.axon.controller.task;

import static io.axon.controller.status.TaskConditions.*;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.budget.TaskBudgets;
import io.axon.controller.gateway.AgentEgressPolicy;
import io.axon.controller.gateway.AgentEgressSettings;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentSetup;
import io.axon.controller.job.JobNames;
import io.axon.controller.pipeline.PipelineGate;
import io.axon.controller.runtime.Expectations;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.status.TaskStatusCalculator;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Task's world in line with its spec: makes sure its Job exists (exactly one, with a
 * deterministic name) and that its status says what the Job and Pod show. Level-based and
 * idempotent: it reads current state from the caches, so calling it twice, or after a restart, does
 * no harm; what it wrote and the caches may not show yet is in the cache's {@link Expectations}. A
 * finished Task is left alone until its {@code ttlSecondsAfterFinished} ({@link TaskRetention}).
 * Blocking: call it from a worker thread.
 */
public final class TaskReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReconciler.class);
  private static final Duration CONFLICT_RETRY = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final ResourceCache cache;
  private final AgentRegistry agents;
  private final AgentJobBuilder jobBuilder;
  private final TaskStatusCalculator statuses;
  private final Expectations<Task> expectations;
  private final TaskRetention retention;
  private final Clock clock;
  private final Consumer<TaskTransition> transitions;
  private final PipelineGate pipeline;
  private final TaskBudgets budgets;
  private final AgentEgressSettings egress;

  public TaskReconciler(
      KubernetesClient client,
      ResourceCache cache,
      AgentRegistry agents,
      AgentJobBuilder jobBuilder,
      Clock clock,
      Consumer<TaskTransition> transitions) {
    this(client, cache, agents, jobBuilder, clock, transitions, AgentEgressSettings.OFF);
  }

  /**
   * @param egress the NetworkPolicy kept in each namespace where pods go through the gateway
   */
  public TaskReconciler(
      KubernetesClient client,
      ResourceCache cache,
      AgentRegistry agents,
      AgentJobBuilder jobBuilder,
      Clock clock,
      Consumer<TaskTransition> transitions,
      AgentEgressSettings egress) {
    this.egress = egress;
    this.client = client;
    this.cache = cache;
    this.agents = agents;
    this.jobBuilder = jobBuilder;
    this.statuses = new TaskStatusCalculator(jobBuilder.settings().imagePullGrace());
    this.clock = clock;
    this.transitions = transitions;
    this.expectations = cache.taskExpectations();
    this.retention = new TaskRetention(client, clock);
    this.pipeline = new PipelineGate(cache, statuses);
    this.budgets =
        new TaskBudgets(
            client, cache.watchesBudgets() ? cache::budgets : TaskBudgets.live(client), clock);
  }

  public ReconcileResult reconcile(String key) {
    Optional<Task> cached = cache.task(key);
    if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
      return ReconcileResult.DONE; // Its Job and Pod go with it, by owner reference.
    }
    Task task = expectations.freshest(cached.get());
    TaskStatus current = task.getStatus();
    if (current != null && current.getPhase() != null && current.getPhase().isFinished()) {
      return retention.expire(task);
    }

    Optional<String> shapeProblem = ObjectShape.taskProblem(task);
    if (shapeProblem.isPresent()) {
      return write(
          task,
          statuses.blocked(
              task,
              TaskPhase.Failed,
              ObjectShape.REASON_INVALID_SPEC,
              shapeProblem.get(),
              clock.instant()));
    }
    Optional<AgentRuntime> runtime = agents.find(task.getSpec().getType());
    if (runtime.isEmpty()) {
      return write(
          task,
          statuses.blocked(
              task,
              TaskPhase.Failed,
              REASON_UNKNOWN_AGENT_TYPE,
              "Unknown agent type \"%s\". Installed types: %s. Fix spec.type, or install the agent's plugin in the controller."
                  .formatted(task.getSpec().getType(), String.join(", ", agents.types())),
              clock.instant()));
    }

    String namespace = task.getMetadata().getNamespace();
    int attempt = Retries.attempt(current);
    String jobName = JobNames.forAttempt(task.getMetadata().getName(), attempt);
    String jobKey = ResourceKey.of(namespace, jobName);
    Optional<Job> job = cache.job(namespace, jobName);
    Optional<Duration> awaitingJob = expectations.awaitingCreated(task);
    if (job.isPresent()) {
      expectations.observedCreated(task);
    } else if (awaitingJob.isPresent()) {
      // Created moments ago: its informer event calls us back, or this does if it never comes.
      return ReconcileResult.requeueAfter(awaitingJob.get());
    } else {
      if (current != null && jobName.equals(current.getJobName())) {
        return jobLost(task, jobName);
      }
      // Dependencies first: a Task waits for other Tasks before anything of its own.
      Optional<TaskStatus> waiting = pipeline.dependencies(task, clock.instant());
      if (waiting.isPresent()) {
        return write(task, waiting.get());
      }
      Optional<Duration> backoff = Retries.waitBeforeNext(current, clock.instant());
      if (backoff.isPresent()) {
        return ReconcileResult.requeueAfter(backoff.get()); // spec.retry.backoff, never a sleep
      }
      Optional<Workspace> workspace = Optional.empty();
      if (task.getSpec().getWorkspaceRef() != null) {
        String workspaceName = task.getSpec().getWorkspaceRef().getName();
        workspace = cache.workspace(namespace, workspaceName);
        if (workspace.isEmpty()) {
          // The Workspace informer requeues this Task when the Workspace appears.
          return write(
              task,
              statuses.blocked(
                  task,
                  TaskPhase.Pending,
                  REASON_WORKSPACE_NOT_FOUND,
                  "Workspace \"%s\" not found in namespace \"%s\". Create it and the Task starts by itself."
                      .formatted(workspaceName, namespace),
                  clock.instant()));
        }
        Optional<String> workspaceProblem = ObjectShape.workspaceProblem(workspace.get());
        if (workspaceProblem.isPresent()) {
          return write(
              task,
              statuses.blocked(
                  task,
                  TaskPhase.Pending,
                  ObjectShape.REASON_INVALID_WORKSPACE,
                  workspaceProblem.get(),
                  clock.instant()));
        }
        Optional<String> credentialProblem =
            WorkspaceCredentialCheck.problem(client, workspace.get());
        if (credentialProblem.isPresent()) {
          write(
              task,
              statuses.blocked(
                  task,
                  TaskPhase.Pending,
                  WorkspaceCredentialCheck.REASON_CREDENTIAL_HOST_NOT_ALLOWED,
                  credentialProblem.get(),
                  clock.instant()));
          return ReconcileResult.requeueAfter(CONFLICT_RETRY); // No Secret informer calls us back.
        }
      }
      Optional<TaskBudgets.Hold> hold = budgets.hold(task);
      if (hold.isPresent()) {
        write(
            task,
            statuses.blocked(
                task,
                current != null
                        && current.getPhase() != null
                        && current.getPhase().compareTo(TaskPhase.Waiting) > 0
                    ? current.getPhase() // a retry's next attempt: a phase never moves back
                    : TaskPhase.Waiting,
                TaskBudgets.REASON_OVER_BUDGET,
                hold.get().message(),
                clock.instant()));
        return ReconcileResult.requeueAfter(hold.get().recheckAfter());
      }
      Optional<TaskStatus> branchBusy = pipeline.branch(task, workspace, clock.instant());
      if (branchBusy.isPresent()) {
        return write(task, branchBusy.get());
      }
      PipelineGate.JobTask forJob = pipeline.forJob(task, clock.instant());
      if (forJob.failed() != null) {
        return write(task, forJob.failed());
      }
      AgentConfigResolver.Resolution configs =
          AgentConfigResolver.resolve(client, task, runtime.get());
      if (configs instanceof AgentConfigResolver.Waiting configWait) {
        write(
            task,
            statuses.blocked(
                task,
                TaskPhase.Pending,
                configWait.reason(),
                configWait.message(),
                clock.instant()));
        return ReconcileResult.requeueAfter(CONFLICT_RETRY); // No AgentConfig informer calls us.
      }
      if (configs instanceof AgentConfigResolver.Refused refused) {
        return write(
            task,
            statuses.blocked(
                task, TaskPhase.Failed, refused.reason(), refused.message(), clock.instant()));
      }
      AgentSetup agentSetup = ((AgentConfigResolver.Ready) configs).setup();
      Job desiredJob =
          AttemptJobs.forAttempt(
              jobBuilder.build(forJob.task(), workspace, runtime.get(), agentSetup),
              task.getMetadata().getName(),
              attempt,
              current == null || current.getAttempts().isEmpty()
                  ? null
                  : current.getAttempts().get(current.getAttempts().size() - 1).getReason(),
              Retries.wipBranch(current));
      job = Optional.of(createJob(task, desiredJob, jobKey));
    }

    if (!ownedBy(job.get(), task)) {
      write(
          task,
          statuses.blocked(
              task,
              TaskPhase.Pending,
              REASON_JOB_CONFLICT,
              "A Job named \"%s\" already exists and does not belong to this Task. Delete that Job, or re-create the Task under another name."
                  .formatted(jobName),
              clock.instant()));
      return ReconcileResult.requeueAfter(CONFLICT_RETRY);
    }
    String jobUid = job.get().getMetadata().getUid();
    Optional<Pod> pod = cache.newestPod(key, jobUid);
    if (finished(job.get()) && !pod.map(TaskReconciler::ended).orElse(false)) {
      // The Pod informer can lag the Job's: the pod's final state carries the agent's summary.
      pod = livePod(task, jobUid).or(() -> cache.newestPod(key, jobUid));
    }
    TaskStatus desired =
        pipeline.settled(
            task, statuses.fromJob(task, job.get(), pod, clock.instant()), clock.instant());
    desired.setNextAttemptTime(null); // this attempt's Job exists: its wait is over
    if (desired.getPhase() == TaskPhase.Failed && !finished(job.get())) {
      StoppedJobs.stop(client, job.get()); // failed before its Job did (an image that never comes)
    }
    if (desired.getPhase() == TaskPhase.Failed) {
      TaskStatus attemptEnded = Serialization.clone(desired); // schedule() rewrites desired
      Optional<TaskStatus> retry =
          Retries.schedule(task, desired, clock.instant(), ThreadLocalRandom.current()::nextDouble);
      if (retry.isPresent()) {
        if (Retries.stillRunning(job.get())) {
          return ReconcileResult.requeueAfter(Duration.ofSeconds(2)); // one attempt at a time
        }
        budgets.record(task, attemptEnded); // this attempt's spending, before its status is gone
        write(task, retry.get());
        return ReconcileResult.requeueAfter(
            Retries.waitBeforeNext(retry.get(), clock.instant()).orElse(Duration.ofSeconds(1)));
      }
    }
    if (pod.isEmpty() && desired.getPhase() != null && !desired.getPhase().isFinished()) {
      return podNotCreated(task, job.get(), desired);
    }
    Optional<Instant> givesUp = statuses.imagePullGivesUpAt(desired);
    if (givesUp.isPresent()) {
      write(task, desired); // no pod event need come when the grace ends: look again then
      Duration left = Duration.between(clock.instant(), givesUp.get());
      return ReconcileResult.requeueAfter(
          left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
    }
    return write(task, desired);
  }

  /**
   * A Job without a pod may have had it refused; only its FailedCreate Events say so, and their
   * informer wakes us. One within the Job's first moments is reported once they have passed. With
   * none, nothing is looked at again: the pod's or the Event's arrival wakes the Task.
   */
  private ReconcileResult podNotCreated(Task task, Job job, TaskStatus desired) {
    Optional<String> refused = PodCreationFailures.latest(cache, job);
    if (refused.isPresent()) {
      Optional<Duration> graceLeft = PodCreationFailures.graceLeft(job, clock.instant());
      if (graceLeft.isPresent()) {
        write(task, desired);
        return ReconcileResult.requeueAfter(graceLeft.get()); // no event need come then
      }
      desired =
          statuses.blocked(
              task,
              TaskPhase.Pending,
              PodCreationFailures.REASON,
              PodCreationFailures.describe(refused.get(), task.getMetadata().getNamespace()),
              clock.instant());
      desired.setJobName(job.getMetadata().getName());
    }
    return write(task, desired);
  }

  private boolean unfinished(String namespace, OwnerReference owner) {
    return cache
        .task(ResourceKey.of(namespace, owner.getName()))
        .filter(t -> owner.getUid().equals(t.getMetadata().getUid()))
        .map(
            t ->
                t.getStatus() == null
                    || t.getStatus().getPhase() == null
                    || !t.getStatus().getPhase().isFinished())
        .orElse(false);
  }

  private Job createJob(Task task, Job desired, String jobKey) {
    if (jobBuilder.gateway().isPresent()) {
      GatewayTokenSecret.ensure(client, task); // the pod reads its token from it
      String namespace = task.getMetadata().getNamespace();
      AgentEgressPolicy.ensure(client, task, egress, owner -> unfinished(namespace, owner));
    }
    expectations.creating(task);
    try {
      Job created = client.batch().v1().jobs().resource(desired).create();
      LOG.info("Created Job {}", jobKey);
      return created;
    } catch (RuntimeException e) {
      expectations.creationFailed(task);
      if (!(e instanceof KubernetesClientException k)
          || k.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Another replica or an earlier life of this one created it: use that one.
      Job existing =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(desired.getMetadata().getNamespace())
              .withName(desired.getMetadata().getName())
              .get();
      if (existing == null) {
        throw e;
      }
      return existing;
    }
  }

  /** The Task had a Job and it is gone: never run the agent twice, say what happened. */
  private ReconcileResult jobLost(Task task, String jobName) {
    Job live =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(task.getMetadata().getNamespace())
            .withName(jobName)
            .get();
    if (live != null) {
      return ReconcileResult.requeueAfter(Duration.ofSeconds(1)); // The cache is behind.
    }
    return write(
        task,
        statuses.blocked(
            task,
            TaskPhase.Failed,
            REASON_JOB_LOST,
            "Job \"%s\" was deleted before the Task finished; the agent is not run again. Re-create the Task to retry."
                .formatted(jobName),
            clock.instant()));
  }

  private Optional<Pod> livePod(Task task, String jobUid) {
    return client
        .pods()
        .inNamespace(task.getMetadata().getNamespace())
        .withLabel(ApiGroup.TASK_LABEL, task.getMetadata().getName())
        .list()
        .getItems()
        .stream()
        .filter(
            p ->
                p.getMetadata().getOwnerReferences().stream()
                    .anyMatch(r -> jobUid.equals(r.getUid())))
        .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
  }

  private static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private static boolean ended(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean ownedBy(Job job, Task task) {
    return job.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> Objects.equals(ref.getUid(), task.getMetadata().getUid()));
  }

  /** Writes the status through the status subresource, only when it changed. */
  private ReconcileResult write(Task task, TaskStatus desired) {
    if (Serialization.asJson(desired).equals(Serialization.asJson(task.getStatus()))) {
      return ReconcileResult.DONE;
    }
    boolean finished = desired.getPhase() != null && desired.getPhase().isFinished();
    if (finished) {
      // Recorded before the status that ends the Task: a finished Task is never looked at again,
      // so a restart between the two writes, or a deletion after, must not lose its spending.
      budgets.record(task, desired);
    }
    Task written = writeStatus(task, desired);
    // The echo of this write brings no reconcile: a finished Task's retention starts now.
    return written != null && finished ? retention.expire(written) : ReconcileResult.DONE;
  }

  /** The Task as written; null when it was deleted meanwhile. */
  private Task writeStatus(Task task, TaskStatus desired) {
    Task update = Serialization.clone(task);
    update.setStatus(desired);
    // Carries the cached resourceVersion: a stale write is refused (409) and retried from fresh
    // state.
    Task written;
    expectations.writing(task);
    try {
      written = client.resources(Task.class).resource(update).updateStatus();
    } catch (RuntimeException e) {
      expectations.writeFailed(task);
      if (e instanceof KubernetesClientException k
          && k.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return null; // Deleted meanwhile; its informer event says so.
      }
      throw e;
    }
    expectations.wrote(task, written);
    transitions.accept(new TaskTransition(task, task.getStatus(), desired));
    return written;
  }
}
