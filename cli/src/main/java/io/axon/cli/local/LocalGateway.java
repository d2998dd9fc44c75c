package io.axon.cli.local;

import io.axon.gateway.EgressRule;
import io.axon.gateway.GatewayAudit;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayToken;
import io.axon.gateway.GatewayUrls;
import io.axon.gateway.GitPushRule;
import io.axon.gateway.ModelProvider;
import io.axon.gateway.StaticGrants;
import io.axon.gateway.TaskGrant;
import io.axon.spi.agent.ModelApi;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Axon gateway in this process for a sandboxed local run: the sandbox gets a per-run token as
 * its credential and the gateway on 127.0.0.1 as its model API (Anthropic's, OpenAI's or Gemini's,
 * whichever the agent speaks); the gateway puts the real credential in upstream. The token dies
 * with the run (the gateway stops).
 *
 * <p>When the workspace is a repository over HTTP(S), git in the sandbox reaches it through the
 * gateway too (its {@code origin} is rewritten there by git configuration in the environment, the
 * clone on disk keeps its URL): fetches of that one repository pass, with no credential (the user's
 * stay on the host, where the clone was made); every push is refused with a message git shows, as a
 * local run never writes to the repository it cloned.
 */
final class LocalGateway implements AutoCloseable {
  private static final String OAUTH_VAR = "CLAUDE_CODE_OAUTH_TOKEN";

  private final Vertx vertx;
  private final GatewayServer server;
  private final LocalRunner.Options agentOptions;
  private final boolean servesGit;

  private LocalGateway(
      Vertx vertx, GatewayServer server, LocalRunner.Options agentOptions, boolean servesGit) {
    this.vertx = vertx;
    this.server = server;
    this.agentOptions = agentOptions;
    this.servesGit = servesGit;
  }

  /**
   * A gateway for a sandboxed run with one credential whose agent speaks a model API the gateway
   * speaks; none (the options as they are) else: another API would get the per-run token instead of
   * its key.
   */
  static LocalGateway forRun(LocalRunner.Options options, Optional<ModelApi> modelApi)
      throws IOException {
    Optional<ModelProvider> provider =
        modelApi.flatMap(api -> ModelProvider.forBaseUrlEnvVar(api.baseUrlEnvVar()));
    if (!options.sandbox() || options.credentialEnv().size() != 1 || provider.isEmpty()) {
      return new LocalGateway(null, null, options, false);
    }
    Map.Entry<String, String> credential = options.credentialEnv().entrySet().iterator().next();
    String upstream = modelApi.get().baseUrl(options.passEnv()).replaceAll("/+$", "");
    String token = GatewayToken.mint("local", "run").value();
    Optional<String> origin =
        options
            .workspace()
            .map(WorkspaceSource::parse)
            .filter(w -> !w.local())
            .map(WorkspaceSource::location)
            .filter(location -> GatewayUrls.upstreamRepo(location).isPresent());
    TaskGrant grant =
        new TaskGrant(
            "local",
            "run",
            credential.getKey().equals(OAUTH_VAR),
            credential.getValue(),
            Optional.empty(),
            origin.flatMap(GatewayUrls::upstreamRepo),
            GitPushRule.none(),
            new EgressRule(List.of()),
            Set.of(),
            provider.get());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    GatewayServer server =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put(settingsKey(provider.get()), upstream)),
            new StaticGrants().put(token, grant),
            GatewayAudit.NONE);
    int port;
    try {
      port = server.start().await();
    } catch (RuntimeException e) {
      vertx.close();
      throw new IOException("could not start the local gateway: " + e.getMessage(), e);
    }
    Map<String, String> passEnv = new HashMap<>(options.passEnv());
    passEnv.put(
        provider.get().baseUrlEnvVar(),
        GatewayUrls.modelBase("http://127.0.0.1:" + port, provider.get()));
    origin.ifPresent(
        url -> passEnv.putAll(gitThroughGateway("http://127.0.0.1:" + port, url, token)));
    LocalRunner.Options agent =
        new LocalRunner.Options(
            options.type(),
            options.prompt(),
            options.model(),
            options.workspace(),
            options.ref(),
            Map.of(credential.getKey(), token),
            passEnv,
            options.maxTurns(),
            options.sandbox(),
            options.allowHosts(),
            options.timeout());
    return new LocalGateway(vertx, server, agent, origin.isPresent());
  }

  /**
   * git configuration by environment ({@code GIT_CONFIG_COUNT}): {@code origin}'s URL goes to the
   * gateway's URL of the repository, with the per-run token as HTTP Basic password.
   */
  static Map<String, String> gitThroughGateway(String gateway, String origin, String token) {
    String remote = GatewayUrls.gitRemote(gateway, origin).orElseThrow();
    String basic =
        Base64.getEncoder().encodeToString(("axon:" + token).getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GIT_CONFIG_COUNT", "2");
    env.put("GIT_CONFIG_KEY_0", "url." + remote + ".insteadOf");
    env.put("GIT_CONFIG_VALUE_0", origin);
    env.put("GIT_CONFIG_KEY_1", "http." + gateway + "/.extraHeader");
    env.put("GIT_CONFIG_VALUE_1", "Authorization: Basic " + basic);
    return env;
  }

  private static String settingsKey(ModelProvider provider) {
    return switch (provider) {
      case ANTHROPIC -> "modelBaseURL";
      case OPENAI -> "openaiBaseURL";
      case GEMINI -> "geminiBaseURL";
    };
  }

  /** True when git in the sandbox reaches the workspace's repository through this gateway. */
  boolean servesGit() {
    return servesGit;
  }

  /** The options the sandbox is built from: the token and the gateway's address. */
  LocalRunner.Options agentOptions() {
    return agentOptions;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
      vertx.close().await();
    }
  }
}
