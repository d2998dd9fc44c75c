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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Axon gateway in this process for a sandboxed local run: the sandbox gets a per-run token as
 * its credential and the gateway on 127.0.0.1 as its model API (Anthropic's, OpenAI's or Gemini's,
 * whichever the agent speaks); the gateway puts the real credential in upstream. The token dies
 * with the run (the gateway stops).
 */
final class LocalGateway implements AutoCloseable {
  private static final String OAUTH_VAR = "CLAUDE_CODE_OAUTH_TOKEN";

  private final Vertx vertx;
  private final GatewayServer server;
  private final LocalRunner.Options agentOptions;

  private LocalGateway(Vertx vertx, GatewayServer server, LocalRunner.Options agentOptions) {
    this.vertx = vertx;
    this.server = server;
    this.agentOptions = agentOptions;
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
      return new LocalGateway(null, null, options);
    }
    Map.Entry<String, String> credential = options.credentialEnv().entrySet().iterator().next();
    String upstream = modelApi.get().baseUrl(options.passEnv()).replaceAll("/+$", "");
    String token = GatewayToken.mint("local", "run").value();
    TaskGrant grant =
        new TaskGrant(
            "local",
            "run",
            credential.getKey().equals(OAUTH_VAR),
            credential.getValue(),
            Optional.empty(),
            Optional.empty(),
            GitPushRule.forTask("run"),
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
    return new LocalGateway(vertx, server, agent);
  }

  private static String settingsKey(ModelProvider provider) {
    return switch (provider) {
      case ANTHROPIC -> "modelBaseURL";
      case OPENAI -> "openaiBaseURL";
      case GEMINI -> "geminiBaseURL";
    };
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
