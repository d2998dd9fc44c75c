package io.axon.spi.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start an agent CLI.
 *
 * @param argv the program and its arguments, executed directly (never through a shell)
 * @param env environment variables to add; credentials are not here, they come from {@link
 *     AgentRuntime#credentialEnvVar}
 * @param homeFiles files to write below the agent's HOME before it starts, by relative path
 * @param stdin what to write to the agent's standard input, UTF-8, then close it; empty for none.
 *     The way to hand over a prompt: Linux refuses any one argument or environment variable over
 *     128 KiB.
 */
public record AgentCommand(
    List<String> argv,
    Map<String, String> env,
    Map<String, String> homeFiles,
    Optional<String> stdin) {

  public AgentCommand {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name a program");
    }
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    homeFiles = Map.copyOf(homeFiles);
    stdin = stdin == null ? Optional.empty() : stdin;
  }

  /** A command whose standard input is empty. */
  public AgentCommand(List<String> argv, Map<String, String> env, Map<String, String> homeFiles) {
    this(argv, env, homeFiles, Optional.empty());
  }
}
