package io.axon.controller.webhook;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.report.GitHubApi;
import io.axon.controller.report.ReportProblem;
import io.axon.controller.report.SecretValues;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.spawner.SpawnerPlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spawner's repository on GitHub's REST API, with the Workspace's token when it has one (the
 * Secret's {@code axon.io/allowed-hosts} must allow the API's host). Blocking to open.
 */
record RepoAccess(String owner, String repo, GitHubApi api) {
  private static final Pattern HTTP_REPO =
      Pattern.compile("^(https?)://([^/@]+)/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\\.git)?/?$");

  String path(String suffix) {
    return "/repos/" + owner + "/" + repo + suffix;
  }

  /**
   * @throws ReportProblem when the repository or its token cannot be used
   */
  static RepoAccess open(
      KubernetesClient client,
      ResourceCache cache,
      TaskSpawner spawner,
      SpawnerPlan plan,
      HttpClient http) {
    String namespace = spawner.getMetadata().getNamespace();
    Workspace workspace =
        cache
            .workspace(namespace, plan.workspaceName())
            .orElseThrow(
                () -> new ReportProblem("Workspace \"" + plan.workspaceName() + "\" not found"));
    String repoURL = workspace.getSpec() == null ? null : workspace.getSpec().getRepo();
    Matcher m = HTTP_REPO.matcher(repoURL == null ? "" : repoURL.strip());
    if (!m.matches()) {
      throw new ReportProblem("Workspace repository " + repoURL + " is no https GitHub URL");
    }
    Object override = plan.settings().get("apiBaseURL");
    String host = m.group(2).toLowerCase(Locale.ROOT);
    String api =
        override != null && !override.toString().isBlank()
            ? override.toString().strip().replaceAll("/+$", "")
            : host.equals("github.com")
                ? "https://api.github.com"
                : m.group(1) + "://" + host + "/api/v3";
    String authorization = null;
    var secretRef = workspace.getSpec().getSecretRef();
    if (secretRef != null && secretRef.getName() != null) {
      String apiHost = URI.create(api).getHost();
      authorization =
          "Bearer "
              + SecretValues.read(client, namespace, secretRef.getName(), apiHost, "webhook work")
                  .require("GITHUB_TOKEN");
    }
    return new RepoAccess(m.group(3), m.group(4), new GitHubApi(http, api, authorization));
  }

  static Optional<String> slug(String repoURL) {
    Matcher m =
        Pattern.compile("[:/]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\\.git)?/?$")
            .matcher(repoURL == null ? "" : repoURL.strip());
    return m.find() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
  }
}
