package io.axon.gateway;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.GatewayPolicy;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants from the cluster: a token names its Task; the Task (from an informer, so a finished one is
 * refused at once) must be unfinished, and its token Secret, owned by that very Task, must hold the
 * token. The real credentials are read with {@code get} (no list of Secrets) and kept for a short
 * while (the gateway's {@code grantCacheTTL}) in a bounded cache.
 *
 * <p>Per-Task settings are annotations on the Task: {@value #ALLOW_HOSTS_ANNOTATION} (entries of
 * {@link EgressRule}, comma or newline separated) and {@value #PUSH_BRANCHES_ANNOTATION} (branch
 * prefixes instead of {@code axon/<task>}).
 */
public final class KubernetesGrants implements Grants, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesGrants.class);
  public static final String ALLOW_HOSTS_ANNOTATION = ApiGroup.GROUP + "/gateway-allow-hosts";
  public static final String PUSH_BRANCHES_ANNOTATION = ApiGroup.GROUP + "/gateway-push-branches";
  static final int MAX_CACHED = 10_000;
  private static final String ALL_NAMESPACES = "";

  private record Cached(String taskUid, TaskGrant grant, long expiresAtNanos) {}

  private final Vertx vertx;
  private final KubernetesClient client;

  /** One informer for every namespace, or one per namespace the gateway serves. */
  private final Map<String, SharedIndexInformer<Task>> tasks;

  private final List<String> allowHosts;
  private final AgentRegistry agents;
  private final String githubApiBase;
  private final GitHubAppTokens appTokens;
  private final Duration cacheTtl;
  private final Map<String, Cached> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_CACHED;
        }
      };

  /**
   * Starts the Task informers the settings' namespaces need; blocks until they have synced, so call
   * it off the event loop. Uses the settings' allowHosts, GitHub API, namespaces and grantCacheTTL.
   */
  public KubernetesGrants(
      Vertx vertx,
      KubernetesClient client,
      GatewaySettings settings,
      AgentRegistry agents,
      GitHubAppTokens appTokens) {
    List<String> namespaces = settings.namespaces();
    this.vertx = vertx;
    this.client = client;
    this.allowHosts = settings.allowHosts();
    this.agents = agents;
    this.githubApiBase = settings.githubApiBaseUrl();
    this.appTokens = appTokens;
    this.cacheTtl = settings.grantCacheTtl();
    Map<String, SharedIndexInformer<Task>> informers = new LinkedHashMap<>();
    if (namespaces.isEmpty()) {
      informers.put(ALL_NAMESPACES, informer(client.resources(Task.class).inAnyNamespace()));
    } else {
      for (String namespace : namespaces) {
        informers.put(namespace, informer(client.resources(Task.class).inNamespace(namespace)));
      }
    }
    this.tasks = Map.copyOf(informers);
    try {
      informers.forEach(KubernetesGrants::run);
    } catch (IllegalStateException e) {
      informers.values().forEach(SharedIndexInformer::close);
      throw e;
    }
  }

  private static SharedIndexInformer<Task> informer(Informable<Task> source) {
    SharedIndexInformer<Task> informer = source.runnableInformer(0);
    // The gateway never reads a prompt (up to 192 KiB each) nor managedFields: not kept.
    informer.itemStore(
        new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
          @Override
          public Task put(String key, Task task) {
            task.getMetadata().setManagedFields(null);
            if (task.getSpec() != null) {
              task.getSpec().setPrompt(null);
            }
            return super.put(key, task);
          }
        });
    return informer;
  }

  /** Starts one Task informer, saying which namespace and what to do when it cannot. */
  private static void run(String namespace, SharedIndexInformer<Task> informer) {
    try {
      informer.run();
    } catch (KubernetesClientException e) {
      String what =
          namespace.equals(ALL_NAMESPACES)
              ? ("cannot list and watch Tasks in every namespace (HTTP %d): apply"
                      + " deploy/gateway/rbac.yaml, or name the namespaces to serve under namespaces:"
                      + " with deploy/gateway-namespaced/rbac.yaml applied in each")
                  .formatted(e.getCode())
              : ("cannot list and watch Tasks in namespace %s (HTTP %d): apply"
                      + " deploy/gateway-namespaced/rbac.yaml there (kubectl apply -n %s -f ...),"
                      + " or take it out of namespaces:")
                  .formatted(namespace, e.getCode(), namespace);
      throw new IllegalStateException(what, e);
    }
  }

  /** Whether every Task informer is watching: false while one has lost the API server. */
  public boolean watching() {
    return notWatching().isEmpty();
  }

  /** The namespaces whose Task informer is not watching ("every namespace" for the one of all). */
  public List<String> notWatching() {
    return tasks.entrySet().stream()
        .filter(e -> !e.getValue().isWatching())
        .map(e -> e.getKey().equals(ALL_NAMESPACES) ? "every namespace" : e.getKey())
        .sorted()
        .toList();
  }

  /** The Task of a token, from the informer of its namespace; null outside those served. */
  private Task task(GatewayToken token) {
    SharedIndexInformer<Task> informer =
        tasks.getOrDefault(ALL_NAMESPACES, tasks.get(token.namespace()));
    return informer == null
        ? null
        : informer.getStore().getByKey(token.namespace() + "/" + token.task());
  }

  @Override
  public Future<Optional<TaskGrant>> resolve(String value) {
    Optional<GatewayToken> token = GatewayToken.parse(value);
    if (token.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Task task = task(token.get());
    if (task == null || finished(task)) {
      forget(value);
      return Future.succeededFuture(Optional.empty());
    }
    String uid = task.getMetadata().getUid();
    Cached cached;
    synchronized (cache) {
      cached = cache.get(value);
    }
    if (cached != null
        && cached.taskUid().equals(uid)
        && System.nanoTime() < cached.expiresAtNanos()) {
      return Future.succeededFuture(Optional.of(cached.grant()));
    }
    return vertx.executeBlocking(
        () -> {
          Optional<TaskGrant> grant = load(token.get(), task);
          grant.ifPresent(
              g -> {
                synchronized (cache) {
                  cache.put(value, new Cached(uid, g, System.nanoTime() + cacheTtl.toNanos()));
                }
              });
          return grant;
        },
        false);
  }

  private void forget(String value) {
    synchronized (cache) {
      cache.remove(value);
    }
  }

  static boolean finished(Task task) {
    return task.getStatus() != null
        && task.getStatus().getPhase() != null
        && task.getStatus().getPhase().isFinished();
  }

  private Optional<TaskGrant> load(GatewayToken token, Task task) {
    String namespace = token.namespace();
    Secret tokenSecret =
        client
            .secrets()
            .inNamespace(namespace)
            .withName(GatewayTokenSecret.name(token.task()))
            .get();
    if (tokenSecret == null
        || !GatewayTokenSecret.ownedBy(tokenSecret, task.getMetadata().getUid())
        || !token.matches(value(tokenSecret, GatewayTokenSecret.KEY).orElse(null))) {
      return Optional.empty();
    }
    TaskSpec spec = task.getSpec();
    CredentialType type = spec.getCredentials().getType();
    Optional<AgentRuntime> runtime = agents.find(spec.getType());
    if (runtime.isEmpty()) {
      LOG.warn("Task {}/{}: no agent type {}", namespace, token.task(), spec.getType());
      return Optional.empty();
    }
    Optional<ModelProvider> provider =
        runtime
            .get()
            .modelApi()
            .flatMap(api -> ModelProvider.forBaseUrlEnvVar(api.baseUrlEnvVar()));
    if (provider.isEmpty()) {
      LOG.warn(
          "Task {}/{}: the gateway does not speak {}'s model API",
          namespace,
          token.task(),
          spec.getType());
      return Optional.empty();
    }
    String key = runtime.get().credentialEnvVar(type);
    Optional<String> credential =
        secret(namespace, spec.getCredentials().getSecretRef().getName())
            .flatMap(s -> value(s, key));
    if (credential.isEmpty()) {
      LOG.warn("Task {}/{}: its credential Secret has no {}", namespace, token.task(), key);
      return Optional.empty();
    }
    Optional<URI> repo = Optional.empty();
    Optional<String> gitToken = Optional.empty();
    GitTokenScope scope = GitTokenScope.NONE;
    if (spec.getWorkspaceRef() != null && spec.getWorkspaceRef().getName() != null) {
      Workspace workspace =
          client
              .resources(Workspace.class)
              .inNamespace(namespace)
              .withName(spec.getWorkspaceRef().getName())
              .get();
      if (workspace != null && workspace.getSpec() != null) {
        repo = GatewayUrls.upstreamRepo(workspace.getSpec().getRepo());
        if (workspace.getSpec().getSecretRef() != null) {
          Optional<Secret> secret = secret(namespace, workspace.getSpec().getSecretRef().getName());
          gitToken = secret.flatMap(s -> value(s, "GITHUB_TOKEN"));
          scope = secret.map(GitTokenScope::of).orElse(GitTokenScope.NONE);
          Optional<GitHubAppTokens.App> app = secret.flatMap(KubernetesGrants::app);
          if (app.isPresent() && repo.isPresent()) {
            // The App's key signs what goes to the token endpoint: only to a host its Secret
            // allows. Refused, the grant refuses every use of the token, saying why.
            Optional<String> refusal =
                scope.refusal(URI.create(githubApiBase), "the gateway's GitHub App token request");
            if (refusal.isPresent()) {
              LOG.warn("Task {}/{}: {}", namespace, token.task(), refusal.get());
              scope = scope.refusingEveryUse(refusal.get());
            } else {
              gitToken = appToken(token, app.get(), repo.get());
            }
          }
        }
      }
    }
    Map<String, String> annotations =
        task.getMetadata().getAnnotations() == null
            ? Map.of()
            : task.getMetadata().getAnnotations();
    // Composed in this order, each only adding: the gateway's allowHosts, then the namespace's
    // GatewayPolicies (by name), then the Task's annotations; push branches are the Task's own
    // (axon/<task>, or its annotation instead) plus the policies'.
    List<GatewayPolicy> policies = policies(namespace);
    List<String> branches = split(annotations.get(PUSH_BRANCHES_ANNOTATION));
    if (branches.isEmpty()) {
      branches = GitPushRule.forTask(token.task()).branchPrefixes();
    }
    List<String> hosts = new ArrayList<>();
    for (GatewayPolicy policy : policies) {
      hosts.addAll(policy.getSpec().getAllowHosts());
      branches = concat(branches, policy.getSpec().getPushBranches());
    }
    hosts.addAll(split(annotations.get(ALLOW_HOSTS_ANNOTATION)));
    return Optional.of(
        new TaskGrant(
            namespace,
            token.task(),
            type == CredentialType.OAUTH,
            credential.get(),
            gitToken,
            repo,
            new GitPushRule(branches),
            egress(token, hosts),
            issue(task),
            provider.get(),
            scope));
  }

  /** The namespace's GatewayPolicies with a spec, by name (a list: read once per grant load). */
  private List<GatewayPolicy> policies(String namespace) {
    try {
      return client.resources(GatewayPolicy.class).inNamespace(namespace).list().getItems().stream()
          .filter(p -> p.getSpec() != null)
          .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the GatewayPolicy CRD is not installed: no team policy
      }
      throw e;
    }
  }

  /** The Workspace Secret's GitHub App, when it holds one instead of a GITHUB_TOKEN. */
  static Optional<GitHubAppTokens.App> app(Secret secret) {
    Optional<String> id = value(secret, "GITHUB_APP_ID");
    Optional<String> installation = value(secret, "GITHUB_APP_INSTALLATION_ID");
    Optional<String> key = value(secret, "GITHUB_APP_PRIVATE_KEY");
    if (id.isEmpty() || installation.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new GitHubAppTokens.App(id.get(), Long.parseLong(installation.get()), key.get()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Optional<String> appToken(GatewayToken token, GitHubAppTokens.App app, URI repo) {
    String path = repo.getPath().replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
    String name = path.substring(path.lastIndexOf('/') + 1);
    try {
      return Optional.of(appTokens.token(githubApiBase, app, name));
    } catch (java.io.IOException e) {
      LOG.warn("Task {}/{}: {}", token.namespace(), token.task(), e.getMessage());
      return Optional.empty();
    }
  }

  private EgressRule egress(GatewayToken token, List<String> own) {
    List<EgressRule.Entry> entries = new ArrayList<>();
    for (String spec : concat(allowHosts, own)) {
      try {
        entries.add(EgressRule.entry(spec));
      } catch (IllegalArgumentException e) {
        LOG.warn("Task {}/{}: {}", token.namespace(), token.task(), e.getMessage());
      }
    }
    return new EgressRule(entries);
  }

  private static Set<Long> issue(Task task) {
    Map<String, String> labels = task.getMetadata().getLabels();
    String item = labels == null ? null : labels.get(ApiGroup.ITEM_LABEL);
    return item != null && item.matches("[0-9]{1,12}") ? Set.of(Long.parseLong(item)) : Set.of();
  }

  private Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  private static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(
          new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
              .strip());
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return Optional.of(secret.getStringData().get(key).strip());
    }
    return Optional.empty();
  }

  private static List<String> split(String value) {
    if (value == null) {
      return List.of();
    }
    return List.of(value.split("[,\\n]")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void close() {
    tasks.values().forEach(SharedIndexInformer::close);
  }
}
