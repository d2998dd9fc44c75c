package io.axon.controller.plugin;

import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's agent type, compiled from source into its own jar here, is discovered through
 * ServiceLoader and used by the controller: nothing in Axon names it.
 */
@EnableKubernetesMockClient(crud = true)
class ThirdPartyPluginTest {
  static final String PLUGIN_SOURCE =
      """
      package com.acme.axon;

      import io.axon.spi.agent.*;
      import java.util.*;

      public final class AcmeAgent implements AgentRuntime {
        public String type() { return "acme-agent"; }
        public String defaultImage() { return "registry.acme.test/acme-agent:1.0"; }
        public String cliVersion() { return "1.0"; }
        public String credentialEnvVar(CredentialType type) { return "ACME_TOKEN"; }
        public AgentCommand command(AgentInvocation invocation) {
          return new AgentCommand(List.of("acme", "--task", invocation.prompt()), Map.of(), Map.of());
        }
        public AgentOutputReader newOutputReader() {
          return new AgentOutputReader() {
            public List<AgentEvent> read(String line) { return List.of(new AgentEvent.Text(line)); }
            public Optional<RunResult> result() { return Optional.empty(); }
          };
        }
      }
      """;

  @TempDir static Path tmp;
  static URLClassLoader pluginLoader;
  KubernetesClient client;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    Path src = tmp.resolve("src/com/acme/axon/AcmeAgent.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, PLUGIN_SOURCE);
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String spiJar =
        Path.of(AgentRuntime.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    int exit =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-cp",
            spiJar,
            "-d",
            classes.toString(),
            src.toString());
    assertThat(exit).as("javac exit code").isZero();

    Path jar = tmp.resolve("acme-agent.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
        Files.copy(file, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + AgentRuntime.class.getName()));
      out.write("com.acme.axon.AcmeAgent\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    pluginLoader =
        new URLClassLoader(
            new URL[] {jar.toUri().toURL()}, ThirdPartyPluginTest.class.getClassLoader());
  }

  @Test
  void thePluginIsDiscoveredBesideTheBuiltInAgents() {
    AgentRegistry registry = AgentRegistry.load(pluginLoader);

    assertThat(registry.types()).contains("acme-agent");
    AgentRuntime acme = registry.find("acme-agent").orElseThrow();
    assertThat(acme.getClass().getClassLoader()).isSameAs(pluginLoader);
    AgentCommand command =
        acme.command(new AgentInvocation("do it", Optional.empty(), "/w", Optional.empty()));
    assertThat(command.argv()).containsExactly("acme", "--task", "do it");
    assertThat(AgentRegistry.load().types()).doesNotContain("acme-agent");
  }

  @Test
  void theControllerRunsATaskOfThePluginsType() {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.load(pluginLoader))) {
      Task task = Fixtures.task("acme-task");
      task.getSpec().setType("acme-agent");
      task.getSpec().getCredentials().setType(CredentialType.API_KEY);
      task.getMetadata().setUid(null);
      client.resources(Task.class).resource(task).create();

      awaitTask(
          client,
          "acme-task",
          t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Pending,
          "Pending");
      Job job =
          client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName("acme-task").get();
      Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(agent.getImage()).isEqualTo("registry.acme.test/acme-agent:1.0");
      assertThat(agent.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("ACME_TOKEN")
                      && e.getValueFrom().getSecretKeyRef().getName().equals("claude-oauth")
                      && e.getValueFrom().getSecretKeyRef().getKey().equals("ACME_TOKEN"));
      assertThat(job.getMetadata().getLabels()).containsEntry("axon.io/agent-type", "acme-agent");
    }
  }
}
