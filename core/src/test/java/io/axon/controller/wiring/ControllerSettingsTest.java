package io.axon.controller.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.runtime.LeaderElectionSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ControllerSettingsTest {

  @Test
  void theDefaultsAreValid() {
    LeaderElectionSettings election = ControllerSettings.defaults().leaderElection();
    assertThat(election.enabled()).isTrue();
    assertThat(election.leaseDuration()).isGreaterThan(election.renewDeadline());
  }

  @Test
  void aLeaseNoLongerThanTheRenewDeadlineIsRefusedNamingBothSettings() {
    assertThatThrownBy(() -> ControllerSettings.fromJson(lease(10, 10, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "leaderElection.leaseDurationSeconds (10) must be greater than"
                + " leaderElection.renewDeadlineSeconds (10): a leader must renew before the"
                + " others may take its lease");
  }

  @Test
  void aRenewDeadlineWithoutRoomForAJitteredRetryIsRefused() {
    assertThatThrownBy(() -> ControllerSettings.fromJson(lease(15, 6, 5)))
        .hasMessageStartingWith(
            "leaderElection.renewDeadlineSeconds (6) must be greater than 1.2 x"
                + " leaderElection.retryPeriodSeconds (5)");
    assertThat(ControllerSettings.fromJson(lease(15, 7, 5)).leaderElection().renewDeadline())
        .hasSeconds(7);
  }

  @Test
  void zeroOrNegativeTimingsAreRefused() {
    assertThatThrownBy(() -> ControllerSettings.fromJson(lease(15, 10, 0)))
        .hasMessage("leaderElection.retryPeriodSeconds must be greater than 0, got 0");
    assertThatThrownBy(() -> ControllerSettings.fromJson(lease(-1, 10, 2)))
        .hasMessage("leaderElection.leaseDurationSeconds must be greater than 0, got -1");
  }

  @Test
  void timingsDoNotMatterWithLeaderElectionOff() {
    JsonObject off = lease(1, 10, 20);
    off.getJsonObject("leaderElection").put("enabled", false);
    assertThat(ControllerSettings.fromJson(off).leaderElection().enabled()).isFalse();
  }

  @Test
  void unknownKeysAreFoundAtAnyDepthAndOpenMapsAcceptAnyKey() {
    JsonObject json =
        new JsonObject()
            .put("reconcileWorker", 4)
            .put("reconcileWorkers", 4)
            .put("leaderElection", new JsonObject().put("enabled", true).put("leaseSeconds", 9))
            .put("health", "8081")
            .put(
                "agentPod",
                new JsonObject()
                    .put("images", new JsonObject().put("any-agent", "img"))
                    .put("cpu", "1"))
            .put("sources", new JsonObject().put("githubIssues", new JsonObject().put("x", 1)))
            .put("bridge", new JsonObject().put("tls", new JsonObject().put("certPath", "/a")));

    assertThat(ControllerSettings.unknownKeys(json))
        .containsExactlyInAnyOrder(
            "reconcileWorker", "leaderElection.leaseSeconds", "health", "agentPod.cpu");
  }

  @Test
  void theShippedConfigHasNoUnknownKeys() throws Exception {
    String map =
        java.nio.file.Files.readString(
            io.axon.controller.it.RepoPaths.root().resolve("deploy/controller/config.yaml"));
    String yaml = map.substring(map.indexOf("controller.yaml: |") + "controller.yaml: |".length());
    Object parsed = new org.yaml.snakeyaml.Yaml().load(yaml.stripIndent());
    @SuppressWarnings("unchecked")
    JsonObject json = new JsonObject((java.util.Map<String, Object>) parsed);
    assertThat(ControllerSettings.unknownKeys(json)).isEmpty();
  }

  private static JsonObject lease(long duration, long renew, long retry) {
    return new JsonObject()
        .put(
            "leaderElection",
            new JsonObject()
                .put("enabled", true)
                .put("leaseDurationSeconds", duration)
                .put("renewDeadlineSeconds", renew)
                .put("retryPeriodSeconds", retry));
  }
}
