package io.axon.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A per-Task token: {@code axgw_<namespace>_<task>_<64 hex digits>}. The names let the gateway find
 * the Task and its token Secret with a {@code get} (no list of Secrets); the random part is what
 * proves the holder is that Task's pod. Worthless anywhere but this gateway, and there only while
 * the Task is unfinished.
 */
public record GatewayToken(String namespace, String task, String secret) {
  public static final String PREFIX = "axgw_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORM =
      Pattern.compile("axgw_([a-z0-9-]{1,63})_([a-z0-9.-]{1,253})_([0-9a-f]{64})");

  public static GatewayToken mint(String namespace, String task) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return new GatewayToken(namespace, task, HexFormat.of().formatHex(random));
  }

  /** The token in {@code value}, or empty when it is not one (a real API key, garbage). */
  public static Optional<GatewayToken> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    var m = FORM.matcher(value.strip());
    return m.matches()
        ? Optional.of(new GatewayToken(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  public String value() {
    return PREFIX + namespace + "_" + task + "_" + secret;
  }

  /** Constant-time comparison with the value stored in the token Secret. */
  public boolean matches(String stored) {
    return stored != null
        && MessageDigest.isEqual(
            value().getBytes(StandardCharsets.UTF_8),
            stored.strip().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "GatewayToken[" + namespace + "/" + task + "]";
  }
}
