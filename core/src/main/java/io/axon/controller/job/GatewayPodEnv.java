package io.axon.controller.job;

import io.axon.api.v1alpha1.Workspace;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GatewayUrls;
import io.axon.gateway.ModelProvider;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environment of an agent pod that goes through the gateway: the per-Task token stands where
 * each real credential stood, and every address that carried one is the gateway's. The pod spec
 * then names only the token Secret.
 */
final class GatewayPodEnv {
  /** The env var the token is first read into, so the proxy URL can refer to it. */
  static final String TOKEN_VAR = "AXON_GATEWAY_TOKEN";

  private GatewayPodEnv() {}

  /** For the agent container, in place of the real credentials. */
  static List<EnvVar> agent(
      String gateway,
      ModelProvider model,
      String task,
      String credentialVar,
      Optional<Workspace> workspace) {
    String secret = GatewayTokenSecret.name(task);
    List<EnvVar> env = new ArrayList<>();
    env.add(token(TOKEN_VAR, secret));
    env.add(token(credentialVar, secret));
    env.add(ContainerEnv.literal(model.baseUrlEnvVar(), GatewayUrls.modelBase(gateway, model)));
    if (workspace.isPresent()) {
      env.add(token(AgentJobBuilder.GITHUB_TOKEN_KEY, secret));
      env.add(ContainerEnv.literal("GITHUB_API_URL", GatewayUrls.githubApi(gateway)));
      // gh reads neither GITHUB_API_URL nor the gateway's remote: its host and repository.
      env.add(ContainerEnv.literal("GH_HOST", GatewayUrls.GH_HOST));
      GatewayUrls.ghRepo(workspace.get().getSpec().getRepo())
          .ifPresent(repo -> env.add(ContainerEnv.literal("GH_REPO", repo)));
    }
    // Anything else goes through the gateway's allowlist; kubelet expands $(VAR) from the env
    // above.
    URI uri = URI.create(gateway);
    String proxy = uri.getScheme() + "://axon:$(" + TOKEN_VAR + ")@" + uri.getRawAuthority();
    if (workspace.flatMap(w -> GatewayUrls.ghRepo(w.getSpec().getRepo())).isPresent()) {
      // origin is on GH_HOST (see clone). libcurl, so git, ignores HTTP_PROXY (only http_proxy,
      // which would also send other plain-HTTP hosts to the gateway): the proxy is git's, for that
      // host only, with the token sent up front.
      String host = "http." + "http://" + GatewayUrls.GH_HOST;
      env.add(ContainerEnv.literal("GIT_CONFIG_COUNT", "2"));
      env.add(ContainerEnv.literal("GIT_CONFIG_KEY_0", host + ".proxy"));
      env.add(ContainerEnv.expanding("GIT_CONFIG_VALUE_0", proxy));
      env.add(ContainerEnv.literal("GIT_CONFIG_KEY_1", host + ".proxyAuthMethod"));
      env.add(ContainerEnv.literal("GIT_CONFIG_VALUE_1", "basic"));
    }
    env.add(ContainerEnv.expanding("HTTPS_PROXY", proxy));
    env.add(ContainerEnv.expanding("HTTP_PROXY", proxy));
    env.add(ContainerEnv.literal("NO_PROXY", uri.getHost()));
    return env;
  }

  /**
   * For the clone step: the gateway's URL of the repository, and the token for it. A repository at
   * {@code /OWNER/REPO} is left with {@code origin} on {@code GH_HOST}, where {@code gh} looks for
   * it; the agent's git reaches that through the gateway as its proxy.
   */
  static List<EnvVar> clone(String gateway, String task, Workspace workspace) {
    List<EnvVar> env = new ArrayList<>();
    String repo = workspace.getSpec().getRepo();
    Optional<String> remote = GatewayUrls.gitRemote(gateway, repo);
    env.add(ContainerEnv.literal("AXON_REPO", remote.orElse(repo)));
    if (remote.isPresent()) {
      URI uri = URI.create(gateway);
      env.add(
          ContainerEnv.literal(
              "AXON_CREDENTIAL_ORIGIN", uri.getScheme() + "://" + uri.getRawAuthority()));
      env.add(token(AgentJobBuilder.GITHUB_TOKEN_KEY, GatewayTokenSecret.name(task)));
      GatewayUrls.ghGitRemote(repo)
          .ifPresent(url -> env.add(ContainerEnv.literal("AXON_ORIGIN_URL", url)));
    }
    return env;
  }

  private static EnvVar token(String name, String secret) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(GatewayTokenSecret.KEY)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
