package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
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

/** {@code axon run --image} and {@code --agent-config} reach the Task; bad values are refused. */
@EnableKubernetesMockClient(crud = true)
class RunImageAndAgentConfigTest {
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
  void theImageAndTheAgentConfigsInTheirOrderReachTheTask() {
    Cli.Result result =
        cli.run(
            "run",
            "-p",
            "x",
            "--name",
            "t1",
            "--image",
            "registry.example.com/team/agent:1.2",
            "--agent-config",
            "team-defaults",
            "--agent-config",
            "my.extras");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Task task = client.resources(Task.class).inNamespace("test").withName("t1").get();
    assertThat(task.getSpec().getImage()).isEqualTo("registry.example.com/team/agent:1.2");
    assertThat(task.getSpec().getAgentConfigRefs())
        .extracting(r -> r.getName())
        .containsExactly("team-defaults", "my.extras");
  }

  @Test
  void badValuesAreRefusedBeforeAnythingIsCreated() {
    Cli.Result image = cli.run("run", "-p", "x", "--image", "my image");
    assertThat(image.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(image.err()).contains("--image my image: not an image reference");

    Cli.Result config = cli.run("run", "-p", "x", "--agent-config", "Team_Defaults");
    assertThat(config.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(config.err()).contains("--agent-config Team_Defaults is not an AgentConfig name");

    Cli.Result local = cli.run("run", "-p", "x", "--local", "--image", "a/b:1");
    assertThat(local.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(local.err()).contains("--image and --agent-config go with a cluster, not --local");

    Cli.Result none = cli.run("run", "-p", "x", "--secret", "s", "--credential-type", "none");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("'none' is not api-key or oauth");

    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }
}
