package io.axon.controller;

import io.axon.controller.observe.ControllerMetrics;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the Axon controller in this process until it is stopped. */
public final class ControllerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  private ControllerMain() {}

  public static void main(String[] args) {
    ControllerMetrics metrics = new ControllerMetrics();
    Vertx vertx = metrics.newVertx();
    readSettings(vertx)
        .compose(
            settings -> {
              AgentRegistry agents = AgentRegistry.load();
              LOG.info("Agent types installed: {}", agents.types());
              KubernetesClient client = new KubernetesClientBuilder().build();
              Controller controller =
                  new Controller(
                      vertx, client, settings, agents, identity(), transition -> {}, metrics);
              Runtime.getRuntime()
                  .addShutdownHook(
                      new Thread(
                          () -> {
                            controller.stop().await();
                            client.close();
                            vertx.close().await();
                          }));
              return controller.start();
            })
        .onSuccess(v -> LOG.info("Axon controller started"))
        .onFailure(
            e -> {
              LOG.error("Axon controller failed to start: {}", e.toString());
              System.exit(1);
            });
  }

  private static io.vertx.core.Future<ControllerSettings> readSettings(Vertx vertx) {
    String path = System.getenv().getOrDefault("AXON_CONFIG", "/etc/axon/controller.yaml");
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    if (Files.exists(Path.of(path))) {
      options.addStore(
          new ConfigStoreOptions()
              .setType("file")
              .setFormat("yaml")
              .setConfig(new JsonObject().put("path", path)));
    }
    options.addStore(
        new ConfigStoreOptions()
            .setType("sys")
            .setConfig(new JsonObject().put("hierarchical", true)));
    return ConfigRetriever.create(vertx, options).getConfig().map(ControllerSettings::fromJson);
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
