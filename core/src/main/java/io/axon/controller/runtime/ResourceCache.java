package io.axon.controller.runtime;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.budget.TaskBudgets;
import io.axon.controller.status.StatusInputs;
import io.axon.controller.status.TaskConditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informer caches of everything the controller reads: Tasks, Workspaces, TaskSpawners, TaskBudgets
 * (when their CRD is installed), the Jobs and Pods that carry the {@code axon.io/task} label, and
 * the {@code FailedCreate} Events of Jobs (a refused pod is reported only there). Reconcilers read
 * only from here, so a steady state costs no API reads.
 *
 * <p>Jobs and Pods are held only while their Task is unfinished ({@link FinishedTaskStore}), and
 * the caches hold only what is read: no managedFields anywhere, no pod template in Jobs, and of a
 * Pod's spec only its containers' names, images and resources (no env, where the prompt is, no
 * volumes). A finished Task costs only itself (docs/benchmarks.md, "Scale").
 */
public final class ResourceCache implements AutoCloseable {
  static final String BY_WORKSPACE = "byWorkspace";
  static final String BY_SPAWNER = "bySpawner";
  static final String BY_DEPENDENCY = "byDependency";
  static final String BY_BRANCH = "byBranch";
  static final String BY_INVOLVED_UID = "byInvolvedUid";
  private static final Logger LOG = LoggerFactory.getLogger(ResourceCache.class);

  private final List<SharedIndexInformer<Task>> tasks = new ArrayList<>();
  private final List<SharedIndexInformer<Workspace>> workspaces = new ArrayList<>();
  private final List<SharedIndexInformer<TaskSpawner>> spawners = new ArrayList<>();
  private final List<SharedIndexInformer<Job>> jobs = new ArrayList<>();
  private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
  private final List<SharedIndexInformer<TaskBudget>> budgets = new ArrayList<>();
  private final List<SharedIndexInformer<Event>> failedCreates = new ArrayList<>();
  private final List<FinishedTaskStore<Job>> jobStores = new ArrayList<>();
  private final List<FinishedTaskStore<Pod>> podStores = new ArrayList<>();
  private List<String> namespaces = List.of();
  private boolean watchesBudgets;
  private final Expectations<Task> taskExpectations;

  private ResourceCache(Consumer<String> onTask) {
    // A change held back as a possible echo that was someone else's goes to the reconciler late.
    taskExpectations =
        new Expectations<>(Clock.systemUTC(), task -> onTask.accept(ResourceKey.of(task)));
  }

  /**
   * Starts the informers and blocks until each has its initial list.
   *
   * @param namespaces the namespaces to watch; empty for all
   * @param onTask called with a Task key whenever the Task or anything it depends on changes
   * @param onSpawner called with a TaskSpawner key whenever it, one of its Tasks or its Workspace
   *     changes
   */
  public static ResourceCache start(
      KubernetesClient client,
      List<String> namespaces,
      long resyncMillis,
      Consumer<String> onTask,
      Consumer<String> onSpawner) {
    return create(client, namespaces, resyncMillis, onTask, onSpawner).run();
  }

  /** The informers, not started yet: see {@link #run}. */
  public static ResourceCache create(
      KubernetesClient client,
      List<String> namespaces,
      long resyncMillis,
      Consumer<String> onTask,
      Consumer<String> onSpawner) {
    ResourceCache cache = new ResourceCache(onTask);
    cache.namespaces = List.copyOf(namespaces);
    cache.watchesBudgets = client.supports(TaskBudget.class);
    List<String> scopes = namespaces.isEmpty() ? Collections.singletonList(null) : namespaces;
    boolean budgetsInstalled = cache.watchesBudgets;
    if (!budgetsInstalled) {
      LOG.warn(
          "The TaskBudget CRD (taskbudgets.{}) is not installed: each Task asks the API server for"
              + " its namespace's TaskBudgets until the controller restarts with it (deploy/crds).",
          ApiGroup.GROUP);
    }
    for (String namespace : scopes) {
      SharedIndexInformer<Task> tasks =
          scoped(client.resources(Task.class), namespace).runnableInformer(resyncMillis);
      tasks.itemStore(new SlimItemStore<>(task -> {}));
      tasks.addIndexers(
          Map.of(
              BY_WORKSPACE,
              task ->
                  task.getSpec() == null || task.getSpec().getWorkspaceRef() == null
                      ? List.of()
                      : List.of(
                          ResourceKey.of(
                              task.getMetadata().getNamespace(),
                              task.getSpec().getWorkspaceRef().getName())),
              BY_SPAWNER,
              task -> labelKey(task, ApiGroup.SPAWNER_LABEL),
              BY_DEPENDENCY,
              ResourceCache::dependencyKeys,
              BY_BRANCH,
              task ->
                  task.getSpec() == null || task.getSpec().getBranch() == null
                      ? List.of()
                      : List.of(task.getSpec().getBranch())));
      tasks.addEventHandler(cache.taskHandler(onTask, onSpawner));
      cache.tasks.add(tasks);

      SharedIndexInformer<Workspace> workspaces =
          scoped(client.resources(Workspace.class), namespace).runnableInformer(resyncMillis);
      workspaces.itemStore(new SlimItemStore<>(workspace -> {}));
      workspaces.addEventHandler(
          EventHandlers.everyChange(
              ws -> {
                cache.tasksUsingWorkspace(ResourceKey.of(ws)).forEach(onTask);
                cache.spawnersUsingWorkspace(ResourceKey.of(ws)).forEach(onSpawner);
              }));
      cache.workspaces.add(workspaces);

      SharedIndexInformer<TaskSpawner> spawners =
          scoped(client.resources(TaskSpawner.class), namespace).runnableInformer(resyncMillis);
      spawners.addIndexers(Map.of(BY_WORKSPACE, ResourceCache::spawnerWorkspace));
      spawners.itemStore(new SlimItemStore<>(spawner -> {}));
      spawners.addEventHandler(
          EventHandlers.everyChange(spawner -> onSpawner.accept(ResourceKey.of(spawner))));
      cache.spawners.add(spawners);

      // Jobs and Pods only while their Task runs (FinishedTaskStore), indexed by the store.
      SharedIndexInformer<Job> jobs =
          labelled(client.batch().v1().jobs(), namespace).runnableInformer(0);
      FinishedTaskStore<Job> jobStore =
          new FinishedTaskStore<>(SlimObjects::slimJob, cache::taskFinished);
      jobs.itemStore(jobStore);
      withoutIndexers(jobs);
      jobs.addEventHandler(
          EventHandlers.whenNews(
              cache::jobAddIsNews,
              StatusInputs::isNews,
              job -> cache.ofRunningTask(job).forEach(onTask)));
      cache.jobs.add(jobs);
      cache.jobStores.add(jobStore);

      SharedIndexInformer<Pod> pods = labelled(client.pods(), namespace).runnableInformer(0);
      FinishedTaskStore<Pod> podStore =
          new FinishedTaskStore<>(SlimObjects::slimPod, cache::taskFinished);
      pods.itemStore(podStore);
      withoutIndexers(pods);
      pods.addEventHandler(
          EventHandlers.whenNews(
              pod -> StatusInputs.isNews(pod) || cache.saysPodRefused(pod),
              StatusInputs::isNews,
              pod -> cache.ofRunningTask(pod).forEach(onTask)));
      cache.pods.add(pods);
      cache.podStores.add(podStore);

      if (budgetsInstalled) {
        SharedIndexInformer<TaskBudget> budgets =
            scoped(client.resources(TaskBudget.class), namespace).runnableInformer(resyncMillis);
        budgets.itemStore(new SlimItemStore<>(budget -> {}));
        // A new, changed (a raised cap) or removed TaskBudget may free the Tasks it holds; its
        // status (spending recorded) cannot: a record's expiry is looked at when due
        // (TaskBudgets#hold).
        budgets.addEventHandler(
            EventHandlers.specChanges(
                budget -> cache.heldByBudget(budget.getMetadata().getNamespace()).forEach(onTask)));
        cache.budgets.add(budgets);
      }

      // Only Jobs' FailedCreate Events, slimmed: bounded by the cluster's refused pods (an Event
      // lives an hour), not by its Events.
      SharedIndexInformer<Event> failedCreates =
          (namespace == null
                  ? client.v1().events().inAnyNamespace()
                  : client.v1().events().inNamespace(namespace))
              .withField("reason", "FailedCreate")
              .withField("involvedObject.kind", "Job")
              .runnableInformer(0);
      failedCreates.itemStore(new SlimItemStore<>(SlimObjects::slimEvent));
      failedCreates.addIndexers(
          Map.of(
              BY_INVOLVED_UID,
              event ->
                  event.getInvolvedObject() == null || event.getInvolvedObject().getUid() == null
                      ? List.of()
                      : List.of(event.getInvolvedObject().getUid())));
      failedCreates.addEventHandler(
          EventHandlers.addsAndUpdates(event -> cache.taskOfJobEvent(event).forEach(onTask)));
      cache.failedCreates.add(failedCreates);
    }
    return cache;
  }

  /** Starts the informers and blocks until each has its initial list. */
  public ResourceCache run() {
    ResourceCache cache = this;
    // Dependencies first, so a Task's first reconcile already sees its Job and Workspace.
    (cache.workspaces).forEach(SharedIndexInformer::run);
    (cache.jobs).forEach(SharedIndexInformer::run);
    (cache.pods).forEach(SharedIndexInformer::run);
    (cache.failedCreates).forEach(SharedIndexInformer::run);
    (cache.budgets).forEach(SharedIndexInformer::run);
    (cache.tasks).forEach(SharedIndexInformer::run);
    (cache.spawners).forEach(SharedIndexInformer::run);
    return cache;
  }

  /** Each informer's state, dependencies first (as they start). */
  public List<InformerHealth> health() {
    List<InformerHealth> all = new ArrayList<>();
    addHealth(all, "workspaces", workspaces);
    addHealth(all, "jobs", jobs);
    addHealth(all, "pods", pods);
    addHealth(all, "events", failedCreates); // FailedCreate of Jobs only
    addHealth(all, "taskbudgets", budgets);
    addHealth(all, "tasks", tasks);
    addHealth(all, "taskspawners", spawners);
    return all;
  }

  private void addHealth(
      List<InformerHealth> all, String resource, List<? extends SharedIndexInformer<?>> informers) {
    for (int i = 0; i < informers.size(); i++) {
      String namespace = i < namespaces.size() ? namespaces.get(i) : null;
      all.add(
          InformerHealth.of(
              resource, namespace == null ? "all namespaces" : namespace, informers.get(i)));
    }
  }

  /** The controller's own writes about Tasks that the Task informer may not have delivered yet. */
  public Expectations<Task> taskExpectations() {
    return taskExpectations;
  }

  public Optional<Task> task(String key) {
    return byKey(tasks, key);
  }

  public Optional<Workspace> workspace(String namespace, String name) {
    return byKey(workspaces, ResourceKey.of(namespace, name));
  }

  public Optional<TaskSpawner> spawner(String key) {
    return byKey(spawners, key);
  }

  public Optional<Job> job(String namespace, String name) {
    return byKey(jobs, ResourceKey.of(namespace, name));
  }

  /** Whether TaskBudgets are cached: their CRD was installed when the controller started. */
  public boolean watchesBudgets() {
    return watchesBudgets;
  }

  /** The cached TaskBudgets of a namespace; none unless {@link #watchesBudgets()}. */
  public List<TaskBudget> budgets(String namespace) {
    return byIndex(budgets, Cache.NAMESPACE_INDEX, namespace);
  }

  /** The FailedCreate Events of a Job (the pods the API server refused it), any order. */
  public List<Event> failedCreates(Job job) {
    return byIndex(failedCreates, BY_INVOLVED_UID, job.getMetadata().getUid());
  }

  /** The newest pod of a Job, by creation time. */
  public Optional<Pod> newestPod(String taskKey, String jobUid) {
    return podsOfTask(taskKey).stream()
        .filter(
            pod ->
                pod.getMetadata().getOwnerReferences().stream()
                    .anyMatch(ref -> jobUid.equals(ref.getUid())))
        .max(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp()));
  }

  /** The Pods of this Task the cache holds: none once the Task has finished. */
  public List<Pod> podsOfTask(String taskKey) {
    return podStores.stream().flatMap(store -> store.ofTask(taskKey).stream()).toList();
  }

  /** The Jobs of this Task the cache holds: none once the Task has finished. */
  public List<Job> jobsOfTask(String taskKey) {
    return jobStores.stream().flatMap(store -> store.ofTask(taskKey).stream()).toList();
  }

  /** How many Pods the cache holds, in all watched namespaces. */
  public int heldPods() {
    return podStores.stream().mapToInt(FinishedTaskStore::size).sum();
  }

  /** How many Jobs the cache holds, in all watched namespaces. */
  public int heldJobs() {
    return jobStores.stream().mapToInt(FinishedTaskStore::size).sum();
  }

  private boolean taskFinished(String taskKey) {
    return task(taskKey).map(ResourceCache::finished).orElse(false);
  }

  private static boolean finished(Task task) {
    return task.getStatus() != null
        && task.getStatus().getPhase() != null
        && task.getStatus().getPhase().isFinished();
  }

  /**
   * A new Job wakes its Task when a reconcile waited for it, when it already says something the
   * Task's status shows, or when a refusal of its pod is already known. Its Task stops expecting
   * it.
   */
  private boolean jobAddIsNews(Job job) {
    boolean awaited = awaitedJobAppeared(job);
    // A FailedCreate Event that came before its Job found no Task (a retry's Job has its own name).
    return awaited || StatusInputs.isNews(job) || !failedCreates(job).isEmpty();
  }

  /**
   * A Job appears in the cache: its Task no longer expects it; true when a reconcile of the Task
   * found it missing meanwhile and waits for it.
   */
  private boolean awaitedJobAppeared(Job job) {
    return job.getMetadata().getOwnerReferences().stream()
        .filter(owner -> "Task".equals(owner.getKind()))
        .filter(owner -> ApiGroup.API_VERSION.equals(owner.getApiVersion()))
        .anyMatch(owner -> taskExpectations.observedCreated(owner.getUid()));
  }

  /** The key of the object's Task, unless it has finished (nothing reads its Jobs and Pods). */
  private List<String> ofRunningTask(HasMetadata object) {
    String task = FinishedTaskStore.taskKey(object);
    return task == null || taskFinished(task) ? List.of() : List.of(task);
  }

  private void evictIfFinished(Task task) {
    if (finished(task)) {
      String key = ResourceKey.of(task);
      jobStores.forEach(store -> store.evict(key));
      podStores.forEach(store -> store.evict(key));
    }
  }

  /**
   * The Task of the Job an Event is about, while it runs: by the Job cache, or, when the Event came
   * before its Job, by the Job's name (a first attempt's Job is named after its Task).
   */
  private List<String> taskOfJobEvent(Event event) {
    var job = event.getInvolvedObject();
    if (job == null || job.getName() == null || job.getNamespace() == null) {
      return List.of();
    }
    Optional<Job> cached = job(job.getNamespace(), job.getName());
    if (cached.isPresent()) {
      return ofRunningTask(cached.get());
    }
    String sameName = ResourceKey.of(job.getNamespace(), job.getName());
    return task(sameName)
        .filter(task -> !finished(task))
        .map(task -> List.of(sameName))
        .orElse(List.of());
  }

  /**
   * Whether the pod's Task says its pod was refused: a pod that merely starts is then news, since
   * the cause was fixed and the Task's message is stale.
   */
  private boolean saysPodRefused(Pod pod) {
    String key = FinishedTaskStore.taskKey(pod);
    return key != null
        && task(key)
            .map(Task::getStatus)
            .map(
                status ->
                    status.getConditions().stream()
                        .anyMatch(
                            c -> TaskConditions.REASON_POD_CREATE_FAILED.equals(c.getReason())))
            .orElse(false);
  }

  /** The Tasks of a namespace that wait for a TaskBudget ({@code Accepted=False/OverBudget}). */
  List<String> heldByBudget(String namespace) {
    return byIndex(tasks, Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(
            task ->
                task.getStatus() != null
                    && task.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                TaskConditions.ACCEPTED.equals(c.getType())
                                    && "False".equals(c.getStatus())
                                    && TaskBudgets.REASON_OVER_BUDGET.equals(c.getReason())))
        .map(ResourceKey::of)
        .toList();
  }

  /** Jobs and Pods are indexed by their store, which may drop them: no informer indexers. */
  private static void withoutIndexers(SharedIndexInformer<?> informer) {
    List.copyOf(informer.getIndexer().getIndexers().keySet())
        .forEach(informer.getIndexer()::removeIndexer);
  }

  public List<Task> allTasks() {
    return tasks.stream().flatMap(i -> i.getStore().list().stream()).toList();
  }

  public List<TaskSpawner> allSpawners() {
    return spawners.stream().flatMap(i -> i.getStore().list().stream()).toList();
  }

  /** Tasks created by a TaskSpawner, by its key. */
  public List<Task> tasksOfSpawner(String spawnerKey) {
    return byIndex(tasks, BY_SPAWNER, spawnerKey);
  }

  /** Tasks whose spec.branch is this one, in every watched namespace. */
  public List<Task> tasksOnBranch(String branch) {
    return byIndex(tasks, BY_BRANCH, branch);
  }

  /**
   * The Tasks to reconcile when this one appears, changes phase or goes: those that depend on it,
   * and those that may wait for its branch. Bounded by the index (dependsOn holds at most 32
   * names).
   */
  List<String> tasksWaitingOn(Task task) {
    List<String> keys = new ArrayList<>();
    byIndex(tasks, BY_DEPENDENCY, ResourceKey.of(task)).forEach(t -> keys.add(ResourceKey.of(t)));
    if (task.getSpec() != null && task.getSpec().getBranch() != null) {
      tasksOnBranch(task.getSpec().getBranch()).stream()
          .map(ResourceKey::of)
          .filter(key -> !key.equals(ResourceKey.of(task)))
          .forEach(keys::add);
    }
    return keys;
  }

  private static List<String> dependencyKeys(Task task) {
    return task.getSpec() == null
        ? List.of()
        : task.getSpec().getDependsOn().stream()
            .limit(TaskSpec.MAX_DEPENDENCIES) // the API server's bound, kept here too
            .map(name -> ResourceKey.of(task.getMetadata().getNamespace(), name))
            .distinct()
            .toList();
  }

  List<String> spawnersUsingWorkspace(String workspaceKey) {
    return byIndex(spawners, BY_WORKSPACE, workspaceKey).stream().map(ResourceKey::of).toList();
  }

  List<String> tasksUsingWorkspace(String workspaceKey) {
    return byIndex(tasks, BY_WORKSPACE, workspaceKey).stream().map(ResourceKey::of).toList();
  }

  @Override
  public void close() {
    tasks.forEach(SharedIndexInformer::close);
    spawners.forEach(SharedIndexInformer::close);
    workspaces.forEach(SharedIndexInformer::close);
    jobs.forEach(SharedIndexInformer::close);
    pods.forEach(SharedIndexInformer::close);
    budgets.forEach(SharedIndexInformer::close);
    failedCreates.forEach(SharedIndexInformer::close);
  }

  private static <T extends HasMetadata> Optional<T> byKey(
      List<SharedIndexInformer<T>> informers, String key) {
    for (SharedIndexInformer<T> informer : informers) {
      T found = informer.getIndexer().getByKey(key);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static <T extends HasMetadata> List<T> byIndex(
      List<SharedIndexInformer<T>> informers, String index, String value) {
    List<T> found = new ArrayList<>();
    for (SharedIndexInformer<T> informer : informers) {
      found.addAll(informer.getIndexer().byIndex(index, value));
    }
    return found;
  }

  private static List<String> spawnerWorkspace(TaskSpawner spawner) {
    var spec = spawner.getSpec();
    if (spec == null || spec.getWhen() == null) {
      return List.of();
    }
    return spec.getWhen()
        .workspaceName()
        .map(name -> List.of(ResourceKey.of(spawner.getMetadata().getNamespace(), name)))
        .orElse(List.of());
  }

  private static List<String> labelKey(HasMetadata object, String label) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(label);
    return value == null
        ? List.of()
        : List.of(ResourceKey.of(object.getMetadata().getNamespace(), value));
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>> Informable<T> scoped(
      MixedOperation<T, L, ?> operation, String namespace) {
    return namespace == null ? operation.inAnyNamespace() : operation.inNamespace(namespace);
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>>
      Informable<T> labelled(MixedOperation<T, L, ?> operation, String namespace) {
    FilterWatchListDeletable<T, L, ?> scoped =
        namespace == null ? operation.inAnyNamespace() : operation.inNamespace(namespace);
    return scoped.withLabel(ApiGroup.TASK_LABEL);
  }

  /**
   * Task events for the reconciler and the Task's spawner; the echo of our own status write goes
   * only to the spawner (which counts finished Tasks), since the reconciler wrote it.
   */
  private ResourceEventHandler<Task> taskHandler(
      Consumer<String> onTask, Consumer<String> onSpawner) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Task task) {
        evictIfFinished(task); // at start, the Job and Pod informers listed first
        onTask.accept(ResourceKey.of(task));
        tasksWaitingOn(task).forEach(onTask);
        labelKey(task, ApiGroup.SPAWNER_LABEL).forEach(onSpawner);
      }

      @Override
      public void onUpdate(Task old, Task task) {
        boolean resync =
            Objects.equals(
                old.getMetadata().getResourceVersion(), task.getMetadata().getResourceVersion());
        if (resync || !taskExpectations.isOwnEcho(task)) {
          onTask.accept(ResourceKey.of(task));
        }
        if (!Objects.equals(phase(old), phase(task))) {
          evictIfFinished(task);
          // Also our own echo: a finished Task frees its dependents and its branch.
          tasksWaitingOn(task).forEach(onTask);
        }
        labelKey(task, ApiGroup.SPAWNER_LABEL).forEach(onSpawner);
      }

      @Override
      public void onDelete(Task task, boolean deletedFinalStateUnknown) {
        taskExpectations.forget(task);
        onTask.accept(ResourceKey.of(task));
        tasksWaitingOn(task).forEach(onTask);
        labelKey(task, ApiGroup.SPAWNER_LABEL).forEach(onSpawner);
      }
    };
  }

  private static Object phase(Task task) {
    return task.getStatus() == null ? null : task.getStatus().getPhase();
  }
}
