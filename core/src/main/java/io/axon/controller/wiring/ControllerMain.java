package io.axon.controller.wiring;

import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.runtime.ProcessUptime;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Axon controller in this process until it is stopped. The Kubernetes client shares the
 * controller's Vert.x (one set of event loops) and is built on a worker thread: building it reads
 * the kubeconfig or service-account files and sets up TLS, which blocks.
 */
public final class ControllerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  private ControllerMain() {}

  public static void main(String[] args) {
    ControllerMetrics metrics = new ControllerMetrics();
    Vertx vertx = metrics.newVertx();
    String path = System.getenv().getOrDefault("AXON_CONFIG", "/etc/axon/controller.yaml");
    warnUnknownKeys(vertx, path)
        .compose(v -> readSettings(vertx, path))
        .compose(
            settings ->
                vertx
                    .executeBlocking(
                        () -> {
                          LOG.info(
                              "Settings read ({} ms after the JVM started)",
                              ProcessUptime.millis());
                          AgentRegistry agents = AgentRegistry.load();
                          LOG.info("Agent types installed: {}", agents.types());
                          KubernetesClient client =
                              new KubernetesClientBuilder()
                                  .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                                  .build();
                          return new Controller(
                              vertx,
                              client,
                              settings,
                              agents,
                              identity(),
                              transition -> {},
                              metrics);
                        })
                    .compose(
                        controller -> {
                          Runtime.getRuntime()
                              .addShutdownHook(
                                  new Thread(
                                      () -> {
                                        controller.stop().await();
                                        controller.close();
                                        vertx.close().await();
                                      }));
                          return controller.start();
                        }))
        .onSuccess(
            v ->
                LOG.info(
                    "Axon controller started ({} ms after the JVM started)",
                    ProcessUptime.millis()))
        .onFailure(
            e -> {
              LOG.error(
                  "Axon controller failed to start: {}",
                  e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
              System.exit(1);
            });
  }

  /** A misspelt key would otherwise be ignored in silence, its default used instead. */
  private static Future<Void> warnUnknownKeys(Vertx vertx, String path) {
    if (!Files.exists(Path.of(path))) {
      return Future.succeededFuture();
    }
    return ConfigRetriever.create(vertx, options(path, false))
        .getConfig()
        .map(
            json -> {
              List<String> unknown = ControllerSettings.unknownKeys(json);
              if (!unknown.isEmpty()) {
                LOG.warn(
                    "{}: ignoring unknown setting(s) {}; see ControllerSettings for the keys",
                    path,
                    unknown);
              }
              return null;
            });
  }

  private static Future<ControllerSettings> readSettings(Vertx vertx, String path) {
    return ConfigRetriever.create(vertx, options(path, true))
        .getConfig()
        .map(ControllerSettings::fromJson);
  }

  private static ConfigRetrieverOptions options(String path, boolean systemProperties) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (Files.exists(Path.of(path))) {
      options.addStore(
          new ConfigStoreOptions()
              .setType("file")
              .setFormat("yaml")
              .setConfig(new JsonObject().put("path", path)));
    }
    if (systemProperties) {
      options.addStore(
          new ConfigStoreOptions()
              .setType("sys")
              .setConfig(new JsonObject().put("hierarchical", true)));
    }
    return options;
  }

  private static String identity() {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    try {
      return InetAddress.getLocalHost().getHostName()
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
    } catch (java.net.UnknownHostException e) {
      return "axon-" + UUID.randomUUID();
    }
  }
}
