package io.axon.gateway;

import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Axon gateway (same jar as the controller: {@code java -cp axon-controller.jar
 * io.axon.gateway.GatewayMain}). Settings from {@code /etc/axon/gateway.yaml} or {@code
 * $AXON_GATEWAY_CONFIG} ({@link GatewaySettings}); Prometheus metrics, {@code /healthz} and {@code
 * /readyz} on {@code metricsPort} (default 9090), apart from the port agents reach. {@code /readyz}
 * fails while a Task informer is not watching, since a finished Task is then not seen to finish.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    String path = System.getenv().getOrDefault("AXON_GATEWAY_CONFIG", "/etc/axon/gateway.yaml");
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (Files.exists(Path.of(path))) {
      options.addStore(
          new ConfigStoreOptions()
              .setType("file")
              .setFormat("yaml")
              .setConfig(new JsonObject().put("path", path)));
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicReference<KubernetesGrants> started = new AtomicReference<>();
    ConfigRetriever.create(vertx, options)
        .getConfig()
        .compose(
            json ->
                vertx
                    .executeBlocking(
                        () -> {
                          GatewaySettings settings = GatewaySettings.fromJson(json);
                          KubernetesClient client =
                              new KubernetesClientBuilder()
                                  .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                                  .build();
                          KubernetesGrants grants =
                              new KubernetesGrants(
                                  vertx,
                                  client,
                                  settings,
                                  AgentRegistry.load(),
                                  new GitHubAppTokens(
                                      java.net.http.HttpClient.newHttpClient(),
                                      java.time.Clock.systemUTC()));
                          started.set(grants);
                          KubernetesAudit audit = new KubernetesAudit(vertx, client, registry);
                          return new GatewayServer(vertx, settings, grants, audit);
                        })
                    .compose(
                        server ->
                            server
                                .start()
                                .compose(
                                    port ->
                                        vertx
                                            .createHttpServer()
                                            .requestHandler(
                                                in -> {
                                                  if (in.path().equals("/metrics")) {
                                                    in.response().end(registry.scrape());
                                                  } else if (in.path().equals("/readyz")) {
                                                    ready(in.response(), started.get());
                                                  } else {
                                                    in.response().end("ok\n");
                                                  }
                                                })
                                            .listen(json.getInteger("metricsPort", 9090))
                                            .map(port))))
        .onSuccess(port -> LOG.info("Axon gateway listening on port {}", port))
        .onFailure(
            e -> {
              LOG.error(
                  "Axon gateway failed to start: {}",
                  e instanceof IllegalArgumentException || e instanceof IllegalStateException
                      ? e.getMessage()
                      : e.toString());
              System.exit(1);
            });
  }

  /**
   * Ready while every Task informer watches: a grant read from a stale cache could outlive its
   * Task. Names what is not watching and what to check.
   */
  static void ready(io.vertx.core.http.HttpServerResponse response, KubernetesGrants grants) {
    List<String> lost = grants.notWatching();
    if (lost.isEmpty()) {
      response.end("ok\n");
      return;
    }
    response
        .setStatusCode(503)
        .end(
            "the Task informer of "
                + String.join(", ", lost)
                + " is not watching: check that the API server answers and that the gateway may"
                + " list and watch Tasks there (deploy/gateway/rbac.yaml, or"
                + " deploy/gateway-namespaced/rbac.yaml applied in each namespace it serves)\n");
  }
}
