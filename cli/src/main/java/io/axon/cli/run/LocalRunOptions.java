package io.axon.cli.run;

import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.cli.local.LocalRunner;
import io.axon.client.config.AxonConfig;
import io.axon.client.config.WorkspaceConfig;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.ModelApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns `axon run --local` flags, the environment and the config file into {@link
 * LocalRunner.Options}. Credentials: the agent's own variable in the environment (for claude-code
 * ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN) beats {@code oauthToken}/{@code apiKey} in the
 * config. Workspace: {@code --workspace} (a repository URL or a local path) beats {@code
 * workspace.repo}; with neither, the agent starts in a fresh, empty git repository.
 */
public final class LocalRunOptions {
  /** Passed through to the agent when set, so a proxy or a test server can stand in for the API. */
  private static final String[] PASS_THROUGH = {
    "ANTHROPIC_BASE_URL", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"
  };

  private LocalRunOptions() {}

  public static LocalRunner.Options resolve(
      AgentRuntime runtime,
      String prompt,
      Optional<String> modelFlag,
      Optional<String> workspaceFlag,
      Optional<Integer> maxTurns,
      boolean sandbox,
      AxonConfig config,
      Map<String, String> environment) {
    Map<String, String> credentials = new LinkedHashMap<>();
    for (CredentialType type : List.of(CredentialType.API_KEY, CredentialType.OAUTH)) {
      String variable = runtime.credentialEnvVar(type);
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        credentials.put(variable, value);
      }
    }
    if (credentials.isEmpty()) {
      config
          .oauthToken()
          .ifPresent(t -> credentials.put(runtime.credentialEnvVar(CredentialType.OAUTH), t));
      if (credentials.isEmpty()) {
        config
            .apiKey()
            .ifPresent(k -> credentials.put(runtime.credentialEnvVar(CredentialType.API_KEY), k));
      }
    }
    if (credentials.isEmpty()) {
      String apiKey = runtime.credentialEnvVar(CredentialType.API_KEY);
      String oauth = runtime.credentialEnvVar(CredentialType.OAUTH);
      throw new UserException(
          "no credentials for the agent: set %s in the environment, or apiKey/oauthToken in ~/.axon/config.yaml (axon init writes one)"
              .formatted(apiKey.equals(oauth) ? apiKey : apiKey + " (or " + oauth + ")"),
          ExitCodes.SETUP);
    }
    Map<String, String> pass = new LinkedHashMap<>();
    for (String name : PASS_THROUGH) {
      if (environment.containsKey(name)) {
        pass.put(name, environment.get(name));
      }
    }
    // The agent's own base-URL variable (OPENAI_BASE_URL for codex...), when its plugin names one.
    runtime
        .modelApi()
        .map(ModelApi::baseUrlEnvVar)
        .filter(environment::containsKey)
        .ifPresent(name -> pass.put(name, environment.get(name)));
    Optional<WorkspaceConfig> workspaceConfig = config.workspace();
    Optional<String> workspace =
        workspaceFlag.or(() -> workspaceConfig.flatMap(WorkspaceConfig::repo));
    Optional<String> ref =
        workspaceFlag.isPresent()
            ? Optional.empty()
            : workspaceConfig.flatMap(WorkspaceConfig::ref);
    return new LocalRunner.Options(
        runtime.type(),
        prompt,
        modelFlag.or(config::model),
        workspace,
        ref,
        credentials,
        pass,
        maxTurns,
        sandbox);
  }
}
