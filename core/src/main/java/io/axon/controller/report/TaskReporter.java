package io.axon.controller.report;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.CheckRunReport;
import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Reports one Task where its work came from, level-based: reads the Task, its spawner and Workspace
 * from the caches, renders what its comment and Check Run should say, writes only what differs, and
 * remembers the ids on the Task. Only Tasks of a spawner whose {@code spec.report} asks for it, and
 * whose item link is a GitHub issue or pull request, are reported. Blocking; the caller runs one
 * report per Task at a time.
 */
final class TaskReporter {
  static final String APP_ID = "GITHUB_APP_ID";
  static final String APP_INSTALLATION_ID = "GITHUB_APP_INSTALLATION_ID";
  static final String APP_PRIVATE_KEY = "GITHUB_APP_PRIVATE_KEY";
  static final String TOKEN = "GITHUB_TOKEN";
  static final int MAX_REMEMBERED = 8192;
  static final String API_BASE = "apiBaseURL";

  private final KubernetesClient client;
  private final ResourceCache cache;
  private final Function<TaskSpawner, String> apiBaseURL;
  private final HttpClient http;
  private final AppTokens appTokens;
  private final BooleanSupplier writable;
  // What was written, by Task UID: the cache may not show the annotations yet.
  private final Map<String, Reported> written =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reported> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  /**
   * @param apiBaseURL the API root a spawner's source uses, or null to derive it from the link
   */
  TaskReporter(
      KubernetesClient client,
      ResourceCache cache,
      Function<TaskSpawner, String> apiBaseURL,
      HttpClient http,
      AppTokens appTokens,
      BooleanSupplier writable) {
    this.client = client;
    this.cache = cache;
    this.apiBaseURL = apiBaseURL;
    this.http = http;
    this.appTokens = appTokens;
    this.writable = writable;
  }

  /**
   * A reporter whose API roots are those of each spawner's source settings ({@code apiBaseURL},
   * over the controller's {@code sources} defaults), with its own HTTP client that follows no
   * redirect (a token goes only where it was checked to go). Its comment and Check Run writes are
   * sent only while {@code writable} says so (the Lease fence).
   */
  static TaskReporter create(
      KubernetesClient client,
      ResourceCache cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      BooleanSupplier writable) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Function<TaskSpawner, String> apiBaseURL =
        spawner -> {
          try {
            Object api = SpawnerPlan.of(spawner, sources, sourceDefaults).settings().get(API_BASE);
            return api == null ? null : api.toString();
          } catch (RuntimeException e) {
            return null;
          }
        };
    return new TaskReporter(
        client, cache, apiBaseURL, http, new AppTokens(http, Clock.systemUTC()), writable);
  }

  /** Whether the Task is one to report at all, from the caches alone (no API call). */
  boolean reportable(Task task) {
    return target(task).isPresent();
  }

  /**
   * @throws ReportProblem when something must change before the Task can be reported
   * @throws GitHubWriteException when GitHub refused or failed (worth a retry when 5xx or none)
   */
  void report(String key) {
    Optional<Task> found = cache.task(key);
    if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    // The status this controller just wrote, when the cache does not show it yet.
    Task task = cache.taskExpectations().freshest(found.get());
    Optional<Target> target = target(task);
    if (target.isEmpty()) {
      return;
    }
    Report report = target.get().report();
    ReportTarget where = target.get().where();
    String uid = task.getMetadata().getUid();
    Reported onTask = Reported.of(task);
    Reported now;
    synchronized (written) {
      now = written.getOrDefault(uid, onTask);
    }
    try {
      if (Boolean.TRUE.equals(report.getComment())) {
        now =
            IssueComments.reconcile(
                task,
                where,
                now,
                () -> tokenApi(task, where),
                Boolean.TRUE.equals(report.getCommentPerPhase()));
      }
      CheckRunReport checks = report.getCheckRun();
      if (checks != null && checks.getSecretRef() != null && where.pullRequest()) {
        String name = checks.getName() == null ? CheckRuns.DEFAULT_NAME : checks.getName();
        now = CheckRuns.reconcile(task, where, name, now, () -> appApi(task, where, checks));
      }
    } finally {
      synchronized (written) {
        written.put(uid, now);
      }
      remember(task, onTask, now);
    }
  }

  private record Target(Report report, ReportTarget where) {}

  private Optional<Target> target(Task task) {
    Map<String, String> labels = task.getMetadata().getLabels();
    Map<String, String> annotations = task.getMetadata().getAnnotations();
    String spawnerName = labels == null ? null : labels.get(ApiGroup.SPAWNER_LABEL);
    String itemURL = annotations == null ? null : annotations.get(ApiGroup.ITEM_URL_ANNOTATION);
    if (spawnerName == null || itemURL == null) {
      return Optional.empty();
    }
    Optional<TaskSpawner> spawner =
        cache.spawner(ResourceKey.of(task.getMetadata().getNamespace(), spawnerName));
    if (spawner.isEmpty() || spawner.get().getSpec() == null) {
      return Optional.empty();
    }
    Report report = spawner.get().getSpec().getReport();
    boolean wanted =
        report != null
            && (Boolean.TRUE.equals(report.getComment())
                || (report.getCheckRun() != null && report.getCheckRun().getSecretRef() != null));
    if (!wanted) {
      return Optional.empty();
    }
    return ReportTarget.parse(itemURL, apiBaseURL.apply(spawner.get()))
        .map(where -> new Target(report, where));
  }

  private GitHubApi tokenApi(Task task, ReportTarget where) {
    String namespace = task.getMetadata().getNamespace();
    String workspaceName =
        task.getSpec() == null || task.getSpec().getWorkspaceRef() == null
            ? null
            : task.getSpec().getWorkspaceRef().getName();
    Workspace workspace =
        workspaceName == null ? null : cache.workspace(namespace, workspaceName).orElse(null);
    var secretRef =
        workspace == null || workspace.getSpec() == null
            ? null
            : workspace.getSpec().getSecretRef();
    if (secretRef == null || secretRef.getName() == null) {
      throw new ReportProblem(
          "comments need a token: Workspace \"%s\" names no Secret with %s"
              .formatted(workspaceName, TOKEN));
    }
    String token =
        SecretValues.read(client, namespace, secretRef.getName(), where.apiHost(), "issue comments")
            .require(TOKEN);
    return new GitHubApi(http, where.apiBaseURL(), "Bearer " + token, writable);
  }

  private GitHubApi appApi(Task task, ReportTarget where, CheckRunReport checks) {
    SecretValues app =
        SecretValues.read(
            client,
            task.getMetadata().getNamespace(),
            checks.getSecretRef().getName(),
            where.apiHost(),
            "Check Runs");
    String appId = numeric(app.require(APP_ID), APP_ID);
    String installation = numeric(app.require(APP_INSTALLATION_ID), APP_INSTALLATION_ID);
    String token =
        appTokens.token(where.apiBaseURL(), appId, installation, app.require(APP_PRIVATE_KEY));
    return new GitHubApi(http, where.apiBaseURL(), "Bearer " + token, writable);
  }

  private static String numeric(String value, String key) {
    if (!value.matches("[0-9]{1,20}")) {
      throw new ReportProblem(key + " must be a number, as GitHub shows it on the App's page");
    }
    return value;
  }

  /** Saves the ids and digests on the Task, so a restarted controller neither repeats nor adds. */
  private void remember(Task task, Reported onTask, Reported now) {
    Map<String, String> changed = now.annotationsChangedFrom(onTask);
    if (changed.isEmpty()) {
      return;
    }
    JsonObject patch =
        new JsonObject()
            .put(
                "metadata",
                new JsonObject().put("annotations", new JsonObject(new LinkedHashMap<>(changed))));
    try {
      client
          .resources(Task.class)
          .inNamespace(task.getMetadata().getNamespace())
          .withName(task.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.encode());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
