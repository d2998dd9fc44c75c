package io.axon.controller.wiring;

import io.axon.controller.gateway.GatewayClientSettings;
import io.axon.controller.job.AgentPodSettings;
import io.axon.controller.observe.BridgeSettings;
import io.axon.controller.runtime.LeaderElectionSettings;
import io.axon.controller.spawner.SourceDefaults;
import io.axon.controller.webhook.WebhookSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the controller runs. Read from {@code /etc/axon/controller.yaml} (or {@code $AXON_CONFIG}),
 * then overridden by system properties; see {@link #fromJson}. Every key is optional.
 *
 * @param namespaces namespaces to watch; empty for all
 * @param leaderElection whether and how to elect a leader among replicas
 * @param healthHost address of the health endpoints
 * @param healthPort port of the health endpoints
 * @param reconcileWorkers how many Tasks are reconciled at the same time
 * @param resync how often every cached object is reconciled again, to repair anything missed
 * @param agentPod defaults for agent pods
 * @param bridge the TCP event-bus bridge (off by default)
 * @param sources settings per TaskSpawner source kind, under each spawner's own
 * @param webhook the endpoint for GitHub webhook deliveries to TaskSpawners (off by default)
 * @param gateway whether agent pods go through the Axon gateway (off by default)
 */
public record ControllerSettings(
    List<String> namespaces,
    LeaderElectionSettings leaderElection,
    String healthHost,
    int healthPort,
    int reconcileWorkers,
    Duration resync,
    AgentPodSettings agentPod,
    BridgeSettings bridge,
    Map<String, Map<String, Object>> sources,
    WebhookSettings webhook,
    GatewayClientSettings gateway) {

  /**
   * The keys {@link #fromJson} reads, by path; {@code *} under a key means any key is accepted
   * there.
   */
  static final Set<String> KEYS =
      Set.of(
          "namespaces",
          "leaderElection.enabled",
          "leaderElection.leaseName",
          "leaderElection.leaseNamespace",
          "leaderElection.leaseDurationSeconds",
          "leaderElection.renewDeadlineSeconds",
          "leaderElection.retryPeriodSeconds",
          "health.host",
          "health.port",
          "reconcileWorkers",
          "resyncSeconds",
          "agentPod.images.*",
          "agentPod.cpuRequest",
          "agentPod.memoryRequest",
          "agentPod.cpuLimit",
          "agentPod.memoryLimit",
          "agentPod.imagePullGraceSeconds",
          "bridge.enabled",
          "bridge.host",
          "bridge.port",
          "bridge.allowInbound",
          "bridge.tls.certPath",
          "bridge.tls.keyPath",
          "sources.*",
          "webhook.enabled",
          "webhook.host",
          "webhook.port",
          "webhook.tls.certPath",
          "webhook.tls.keyPath",
          "webhook.plainHTTP",
          "webhook.maxQueuedItems",
          "webhook.maxQueuedDeliveries",
          "gateway.enabled",
          "gateway.url",
          "gateway.networkPolicy.enabled",
          "gateway.networkPolicy.gatewayNamespace",
          "gateway.networkPolicy.gatewayPort",
          "gateway.networkPolicy.dnsNamespace");

  /** The keys in {@code json} that {@link #fromJson} does not read (misspelt, or misplaced). */
  public static List<String> unknownKeys(JsonObject json) {
    List<String> unknown = new ArrayList<>();
    collectUnknown("", json, unknown);
    return unknown;
  }

  private static void collectUnknown(String prefix, JsonObject json, List<String> unknown) {
    for (String key : json.fieldNames()) {
      String path = prefix + key;
      if (KEYS.contains(path) || KEYS.contains(prefix + "*")) {
        continue;
      }
      boolean parent = KEYS.stream().anyMatch(k -> k.startsWith(path + "."));
      if (parent && json.getValue(key) instanceof JsonObject nested) {
        collectUnknown(path + ".", nested, unknown);
      } else {
        unknown.add(path);
      }
    }
  }

  public static ControllerSettings defaults() {
    return fromJson(new JsonObject());
  }

  /**
   * Reads settings:
   *
   * <pre>
   * namespaces: [team-a, team-b]      # default: all
   * leaderElection:
   *   enabled: true
   *   leaseName: axon-controller
   *   leaseNamespace: axon-system     # default: $POD_NAMESPACE, else axon-system
   *   leaseDurationSeconds: 15
   *   renewDeadlineSeconds: 10
   *   retryPeriodSeconds: 2
   * health: {host: 0.0.0.0, port: 8081}
   * reconcileWorkers: 16            # each mostly waits on the API server (docs/benchmarks.md)
   * resyncSeconds: 600
   * agentPod:
   *   images: {claude-code: registry.example.com/axon-claude-code:2.1.330}
   *   cpuRequest: 250m
   *   memoryRequest: 512Mi
   *   cpuLimit: "2"
   *   memoryLimit: 4Gi
   *   imagePullGraceSeconds: 120    # ErrImagePull/ImagePullBackOff this long: ImageUnavailable
   * bridge:                           # see BridgeSettings; off by default
   *   enabled: true
   *   host: 127.0.0.1
   *   port: 7000
   * sources:                          # per TaskSpawner source kind, under each spawner's settings
   *   githubIssues: {apiBaseURL: https://github.example.com/api/v3}
   * webhook:                          # see WebhookSettings; off by default
   *   enabled: true
   *   tls: {certPath: /etc/axon/webhook/tls.crt, keyPath: /etc/axon/webhook/tls.key}
   * gateway:                          # agent pods hold only a per-Task token; off by default
   *   enabled: true
   *   url: http://axon-gateway.axon-system.svc:8080
   *   networkPolicy: {enabled: true, gatewayPort: 8080}  # see AgentEgressSettings
   * </pre>
   */
  public static ControllerSettings fromJson(JsonObject json) {
    JsonObject election = json.getJsonObject("leaderElection", new JsonObject());
    JsonObject health = json.getJsonObject("health", new JsonObject());
    JsonObject pod = json.getJsonObject("agentPod", new JsonObject());
    AgentPodSettings podDefaults = AgentPodSettings.DEFAULTS;
    Map<String, String> images = new HashMap<>();
    pod.getJsonObject("images", new JsonObject())
        .forEach(e -> images.put(e.getKey(), String.valueOf(e.getValue())));
    String podNamespace = System.getenv().getOrDefault("POD_NAMESPACE", "axon-system");
    return new ControllerSettings(
        json.getJsonArray("namespaces", new JsonArray()).stream().map(String::valueOf).toList(),
        new LeaderElectionSettings(
            election.getBoolean("enabled", true),
            election.getString("leaseName", "axon-controller"),
            election.getString("leaseNamespace", podNamespace),
            Duration.ofSeconds(election.getLong("leaseDurationSeconds", 15L)),
            Duration.ofSeconds(election.getLong("renewDeadlineSeconds", 10L)),
            Duration.ofSeconds(election.getLong("retryPeriodSeconds", 2L))),
        health.getString("host", "0.0.0.0"),
        health.getInteger("port", 8081),
        json.getInteger("reconcileWorkers", 16),
        Duration.ofSeconds(json.getLong("resyncSeconds", 600L)),
        new AgentPodSettings(
            images,
            pod.getString("cpuRequest", podDefaults.cpuRequest()),
            pod.getString("memoryRequest", podDefaults.memoryRequest()),
            pod.getString("cpuLimit", podDefaults.cpuLimit()),
            pod.getString("memoryLimit", podDefaults.memoryLimit()),
            Duration.ofSeconds(
                pod.getLong("imagePullGraceSeconds", podDefaults.imagePullGrace().toSeconds()))),
        BridgeSettings.fromJson(json.getJsonObject("bridge", new JsonObject())),
        SourceDefaults.fromJson(json.getJsonObject("sources", new JsonObject())),
        WebhookSettings.fromJson(json.getJsonObject("webhook", new JsonObject())),
        GatewayClientSettings.fromJson(json.getJsonObject("gateway", new JsonObject())));
  }
}
