package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon run}'s limit flags: a Task's {@code spec.limits}, and clear refusals. */
@EnableKubernetesMockClient(crud = true)
class RunLimitFlagsTest {
  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(client, home);
    client
        .leases()
        .inNamespace("axon-system")
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("axon-controller")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("axon-controller-abc")
                .withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.parse("2026-11-20T11:59:55Z"))
                .endSpec()
                .build())
        .create();
    Files.createDirectories(cli.configFile().getParent());
    Files.writeString(cli.configFile(), "apiKey: k\n");
  }

  @Test
  void everyLimitFlagBecomesTheTasksSpecLimits() {
    Cli.Result result =
        cli.run(
            "run",
            "-p",
            "Fix it.",
            "--name",
            "limited",
            "--max-turns",
            "40",
            "--max-cost-usd",
            "2.50",
            "--max-duration",
            "1h30m",
            "--max-output-tokens",
            "200000");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    TaskLimits limits =
        client
            .resources(Task.class)
            .inNamespace("test")
            .withName("limited")
            .get()
            .getSpec()
            .getLimits();
    assertThat(limits.getMaxTurns()).isEqualTo(40);
    assertThat(limits.getMaxCostUSD()).isEqualTo(2.5);
    assertThat(limits.getMaxDuration()).isEqualTo("5400s");
    assertThat(limits.getMaxOutputTokens()).isEqualTo(200_000L);
  }

  @Test
  void withoutLimitFlagsTheTaskHasNoLimits() {
    assertThat(cli.run("run", "-p", "Fix it.", "--name", "free").exitCode()).isZero();
    assertThat(
            client
                .resources(Task.class)
                .inNamespace("test")
                .withName("free")
                .get()
                .getSpec()
                .getLimits())
        .isNull();
  }

  @Test
  void aLimitThatCannotWorkIsRefusedNamingTheFlagAndNothingIsCreated() {
    Cli.Result cost = cli.run("run", "-p", "x", "--max-cost-usd", "0");
    Cli.Result duration = cli.run("run", "-p", "x", "--max-duration", "200h");
    Cli.Result tokens = cli.run("run", "-p", "x", "--max-output-tokens", "0");
    Cli.Result words = cli.run("run", "-p", "x", "--max-duration", "soon");

    assertThat(cost.exitCode()).isEqualTo(2);
    assertThat(cost.err())
        .isEqualTo("error: --max-cost-usd 0: give an amount above 0, at most 10000%n".formatted());
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err())
        .isEqualTo(
            "error: --max-duration: give a duration from 1s to 168h, such as 30m or 1h30m%n"
                .formatted());
    assertThat(tokens.err())
        .isEqualTo("error: --max-output-tokens 0: give at least 1 token%n".formatted());
    assertThat(words.exitCode()).isEqualTo(2);
    assertThat(words.err()).contains("'soon' is not a duration such as 90s or 5m");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }
}
