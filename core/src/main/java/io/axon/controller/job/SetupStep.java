package io.axon.controller.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The init container that prepares the agent's world after the clone: files into the repository and
 * HOME, then the Workspace's setupCommand ({@link SetupScript}). Absent when there is nothing to
 * do.
 */
final class SetupStep {
  static final String CONTAINER = AgentJobBuilder.SETUP_CONTAINER;

  /** A file to write: {@code dir} is absolute (the repository or HOME), {@code path} relative. */
  record File(String dir, String path, String content) {}

  private SetupStep() {}

  static Optional<Container> container(
      String image,
      String workspaceDir,
      List<File> files,
      Optional<String> setupCommand,
      ResourceRequirements resources,
      SecurityContext securityContext,
      List<VolumeMount> mounts) {
    if (files.isEmpty() && setupCommand.isEmpty()) {
      return Optional.empty();
    }
    List<EnvVar> env = new ArrayList<>();
    env.add(ContainerEnv.literal("HOME", AgentJobBuilder.HOME_DIR));
    env.add(ContainerEnv.literal("AXON_WORKSPACE_DIR", workspaceDir));
    env.add(ContainerEnv.literal("GIT_TERMINAL_PROMPT", "0"));
    env.add(ContainerEnv.literal("AXON_FILE_COUNT", Integer.toString(files.size())));
    for (int i = 0; i < files.size(); i++) {
      File file = files.get(i);
      env.add(ContainerEnv.literal("AXON_FILE_" + i + "_DIR", file.dir()));
      env.add(ContainerEnv.literal("AXON_FILE_" + i + "_PATH", file.path()));
      env.add(
          ContainerEnv.literal(
              "AXON_FILE_" + i + "_CONTENT", file.content() == null ? "" : file.content()));
    }
    setupCommand.ifPresent(command -> env.add(ContainerEnv.literal("AXON_SETUP_COMMAND", command)));
    return Optional.of(
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(image)
            .withImagePullPolicy("IfNotPresent")
            .withCommand("/bin/sh", "-c", SetupScript.SCRIPT)
            .withWorkingDir(workspaceDir)
            .withEnv(env)
            // The setupCommand installs dependencies, builds: the agent's own resources.
            .withResources(resources)
            .withSecurityContext(securityContext)
            // The output's tail becomes the termination message: the Task says why setup failed.
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .withVolumeMounts(mounts)
            .build());
  }
}
