package io.axon.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The allowlist for anything that is not the model API, the Workspace's git host or the GitHub API:
 * refused unless an entry names the host. An entry is {@code [METHODS ]HOST[:PORT][/PATH-PREFIX]},
 * e.g. {@code registry.npmjs.org}, {@code pypi.org:443}, {@code GET,HEAD docs.example.com/api/}. An
 * entry with methods or a path applies only to plain HTTP requests the gateway can read; a tunnel
 * ({@code CONNECT}, TLS inside) is allowed only by an entry naming the host alone.
 */
public final class EgressRule {

  /** One parsed entry; {@code port} -1 matches 443 for tunnels and 80 for plain HTTP. */
  public record Entry(Set<String> methods, String host, int port, String pathPrefix) {
    boolean unrestricted() {
      return methods.isEmpty() && pathPrefix.isEmpty();
    }
  }

  private final List<Entry> entries;

  public EgressRule(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public static EgressRule parse(List<String> specs) {
    List<Entry> entries = new ArrayList<>();
    for (String spec : specs) {
      entries.add(entry(spec));
    }
    return new EgressRule(entries);
  }

  static Entry entry(String spec) {
    String rest = spec.strip();
    Set<String> methods = Set.of();
    int space = rest.indexOf(' ');
    if (space > 0) {
      methods = Set.of(rest.substring(0, space).toUpperCase(Locale.ROOT).split(","));
      rest = rest.substring(space + 1).strip();
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash);
      rest = rest.substring(0, slash);
    }
    int port = -1;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      try {
        port = Integer.parseInt(rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "allowed host \"" + spec + "\": the port is not a number");
      }
      rest = rest.substring(0, colon);
    }
    String host = rest.toLowerCase(Locale.ROOT);
    if (!host.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
        || (port != -1 && (port < 1 || port > 65535))) {
      throw new IllegalArgumentException(
          "allowed host \"" + spec + "\": expected [METHODS ]HOST[:PORT][/PATH], e.g. pypi.org");
    }
    return new Entry(methods, host, port, path);
  }

  /** A TLS tunnel to {@code host:port}. */
  public Decision decideTunnel(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    for (Entry entry : entries) {
      if (entry.host().equals(h) && portMatches(entry, port, 443) && entry.unrestricted()) {
        return Decision.allow();
      }
    }
    return Decision.refuse(refusal("CONNECT", h, port, ""));
  }

  /** A plain HTTP request through the gateway as a forward proxy. */
  public Decision decideRequest(String method, String host, int port, String path) {
    String h = host.toLowerCase(Locale.ROOT);
    if (path.contains("/../")
        || path.endsWith("/..")
        || path.contains("%2e")
        || path.contains("%2E")) {
      return Decision.refuse("axon gateway: path not in canonical form: " + path);
    }
    for (Entry entry : entries) {
      if (entry.host().equals(h)
          && portMatches(entry, port, 80)
          && (entry.methods().isEmpty() || entry.methods().contains(method))
          && path.startsWith(entry.pathPrefix())) {
        return Decision.allow();
      }
    }
    return Decision.refuse(refusal(method, h, port, path));
  }

  private static boolean portMatches(Entry entry, int port, int defaultPort) {
    return entry.port() == -1 ? port == defaultPort : entry.port() == port;
  }

  private static String refusal(String method, String host, int port, String path) {
    return "axon gateway: "
        + method
        + " "
        + host
        + ":"
        + port
        + path
        + " is not on this Task's allowlist (spec.gateway.allowHosts)";
  }
}
