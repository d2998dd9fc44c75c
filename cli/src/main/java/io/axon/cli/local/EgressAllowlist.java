package io.axon.cli.local;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts and ports a sandboxed run may reach: the model API, the workspace's git host when it is
 * a URL, and what the user allowed with {@code --allow-host}. Exact matches only: no wildcards, no
 * implied ports beyond the scheme's default.
 */
record EgressAllowlist(Set<HostPort> allowed) {

  static final String DEFAULT_MODEL_API = "https://api.anthropic.com";

  /** One {@code host:port}; hosts compare case-insensitively. */
  record HostPort(String host, int port) {
    HostPort {
      host = host.toLowerCase(Locale.ROOT);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }

    /** {@code HOST[:PORT]}, or null when it is not one. */
    static HostPort parse(String text, int defaultPort) {
      if (text == null || text.isBlank() || text.contains("/") || text.contains("@")) {
        return null;
      }
      try {
        URI uri = new URI("proxy://" + text.strip());
        if (uri.getHost() == null || uri.getPath() == null || !uri.getPath().isEmpty()) {
          return null;
        }
        return new HostPort(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
      } catch (java.net.URISyntaxException e) {
        return null;
      }
    }

    /** The host and port of an {@code http(s)://} URL. */
    static Optional<HostPort> ofUrl(String url) {
      try {
        URI uri = new URI(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port =
            uri.getPort() >= 0
                ? uri.getPort()
                : switch (scheme) {
                  case "https" -> 443;
                  case "http" -> 80;
                  default -> -1;
                };
        return uri.getHost() == null || port < 0
            ? Optional.empty()
            : Optional.of(new HostPort(uri.getHost(), port));
      } catch (java.net.URISyntaxException e) {
        return Optional.empty();
      }
    }

    boolean isLoopback() {
      return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  EgressAllowlist {
    allowed = Set.copyOf(allowed);
  }

  /**
   * @param modelApi the model API's base URL
   * @param workspace the workspace being cloned, when it is a URL
   * @param extra {@code --allow-host} values, already validated
   */
  static EgressAllowlist of(String modelApi, Optional<String> workspace, Set<HostPort> extra) {
    Set<HostPort> allowed = new LinkedHashSet<>();
    HostPort.ofUrl(modelApi).ifPresent(allowed::add);
    workspace.flatMap(HostPort::ofUrl).ifPresent(allowed::add);
    allowed.addAll(extra);
    return new EgressAllowlist(allowed);
  }

  boolean allows(HostPort target) {
    return allowed.contains(target);
  }
}
