package io.axon.controller.job;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/**
 * What a Task's AgentConfigs add to its pod: files below HOME (instructions, MCP configuration,
 * skills), written by the setup step, and the agent container's variables from Secrets that those
 * files refer to by name.
 *
 * @param homeFiles path relative to HOME, and content
 * @param env variables of the agent container, each from a Secret's key
 */
public record AgentSetup(List<HomeFile> homeFiles, List<EnvVar> env) {
  public static final AgentSetup NONE = new AgentSetup(List.of(), List.of());

  public record HomeFile(String path, String content) {}

  public AgentSetup {
    homeFiles = List.copyOf(homeFiles);
    env = List.copyOf(env);
  }
}
