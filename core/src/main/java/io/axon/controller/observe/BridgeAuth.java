package io.axon.controller.observe;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The bridge's token check: a client frame that registers, sends or publishes must carry the token
 * as {@code headers.authorization}; the header is removed before the frame goes on. Frames without
 * it get an error frame, and nothing is registered, sent or published.
 */
final class BridgeAuth {

  static final String HEADER = "authorization";

  private static final Set<BridgeEventType> CLIENT_FRAMES =
      Set.of(
          BridgeEventType.REGISTER,
          BridgeEventType.UNREGISTER,
          BridgeEventType.SEND,
          BridgeEventType.PUBLISH);

  private BridgeAuth() {}

  static boolean allows(BridgeEvent event, Optional<byte[]> token) {
    if (token.isEmpty() || !CLIENT_FRAMES.contains(event.type())) {
      return true;
    }
    JsonObject frame = event.getRawMessage();
    JsonObject headers = frame == null ? null : frame.getJsonObject("headers");
    Object sent = headers == null ? null : headers.remove(HEADER);
    if (!(sent instanceof String value)) {
      return false;
    }
    // Constant time: the comparison says nothing about how much of a guess was right.
    return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), token.get());
  }
}
