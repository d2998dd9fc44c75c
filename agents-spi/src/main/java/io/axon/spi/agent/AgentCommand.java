package io.axon.spi.agent;

import java.util.List;
import java.util.Map;

/**
 * How to start an agent CLI.
 *
 * @param argv the program and its arguments, executed directly (never through a shell)
 * @param env environment variables to add; credentials are not here, they come from {@link
 *     AgentRuntime#credentialEnvVar}
 * @param homeFiles files to write below the agent's HOME before it starts, by relative path
 */
public record AgentCommand(
    List<String> argv, Map<String, String> env, Map<String, String> homeFiles) {

  public AgentCommand {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name a program");
    }
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    homeFiles = Map.copyOf(homeFiles);
  }
}
