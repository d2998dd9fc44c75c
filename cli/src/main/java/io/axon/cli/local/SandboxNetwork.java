package io.axon.cli.local;

import io.axon.spi.agent.ModelApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a sandboxed run reaches the network: what the {@link EgressProxy} allows, which loopback
 * ports the {@link SandboxForwarder} tunnels (allowed hosts on the host's loopback, such as a model
 * API at {@code http://127.0.0.1:PORT}, keep their URLs), and the proxy variables the agent gets.
 */
record SandboxNetwork(
    EgressAllowlist allowlist, int proxyPort, List<SandboxForwarder.Tunnel> tunnels) {

  private static final int PREFERRED_PROXY_PORT = 3128;

  static SandboxNetwork plan(
      LocalRunner.Options options, Set<EgressAllowlist.HostPort> allowHosts) {
    return plan(options, allowHosts, Optional.empty());
  }

  /** With the agent's model API (its base-URL variable and default); Anthropic's when empty. */
  static SandboxNetwork plan(
      LocalRunner.Options options,
      Set<EgressAllowlist.HostPort> allowHosts,
      Optional<ModelApi> agentModelApi) {
    return plan(options, allowHosts, agentModelApi, false);
  }

  /**
   * @param repoThroughGateway the workspace's repository is reached through the local gateway, so
   *     its host is not allowed directly
   */
  static SandboxNetwork plan(
      LocalRunner.Options options,
      Set<EgressAllowlist.HostPort> allowHosts,
      Optional<ModelApi> agentModelApi,
      boolean repoThroughGateway) {
    String modelApi =
        agentModelApi
            .map(api -> api.baseUrl(options.passEnv()))
            .orElseGet(
                () ->
                    options
                        .passEnv()
                        .getOrDefault("ANTHROPIC_BASE_URL", EgressAllowlist.DEFAULT_MODEL_API));
    EgressAllowlist allowlist =
        EgressAllowlist.of(
            modelApi,
            options
                .workspace()
                .map(WorkspaceSource::parse)
                .filter(w -> !w.local() && !repoThroughGateway)
                .map(WorkspaceSource::location),
            allowHosts);
    List<SandboxForwarder.Tunnel> tunnels = new ArrayList<>();
    for (EgressAllowlist.HostPort allowed : allowlist.allowed()) {
      if (allowed.isLoopback()
          && tunnels.stream().noneMatch(tunnel -> tunnel.port() == allowed.port())) {
        tunnels.add(new SandboxForwarder.Tunnel(allowed.port(), allowed));
      }
    }
    int proxyPort = PREFERRED_PROXY_PORT;
    while (isTunnelled(tunnels, proxyPort)) {
      proxyPort++;
    }
    return new SandboxNetwork(allowlist, proxyPort, List.copyOf(tunnels));
  }

  private static boolean isTunnelled(List<SandboxForwarder.Tunnel> tunnels, int port) {
    return tunnels.stream().anyMatch(tunnel -> tunnel.port() == port);
  }

  /** The agent's proxy variables, in both spellings tools read; the loopback goes direct. */
  Map<String, String> proxyEnvironment() {
    String proxy = "http://127.0.0.1:" + proxyPort;
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
      env.put(name, proxy);
    }
    env.put("NO_PROXY", "localhost,127.0.0.1,::1");
    env.put("no_proxy", "localhost,127.0.0.1,::1");
    return env;
  }

  List<String> forwarderArguments() {
    return SandboxForwarder.arguments(proxyPort, tunnels);
  }
}
