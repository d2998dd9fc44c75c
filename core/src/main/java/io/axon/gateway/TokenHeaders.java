package io.axon.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Where each kind of client puts the per-Task token. */
final class TokenHeaders {
  private TokenHeaders() {}

  /**
   * git: HTTP Basic with the token as password; gh and REST clients: {@code token}/{@code Bearer}.
   */
  static String authorization(String header) {
    if (header == null) {
      return null;
    }
    String lower = header.toLowerCase(Locale.ROOT);
    if (lower.startsWith("basic ")) {
      return basicPassword(header.substring(6).strip());
    }
    if (lower.startsWith("token ")) {
      return header.substring(6).strip();
    }
    return bearer(header);
  }

  private static String bearer(String header) {
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return header.substring(7).strip();
    }
    return null;
  }

  static String basicPassword(String encoded) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? pair : pair.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
