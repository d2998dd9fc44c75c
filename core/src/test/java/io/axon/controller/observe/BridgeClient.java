package io.axon.controller.observe;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client of the TCP event-bus bridge that speaks its wire protocol by hand over a plain socket,
 * as an external tool would: each frame is a 4-byte big-endian length and a UTF-8 JSON object.
 */
final class BridgeClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  BridgeClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static BridgeClient connect(int port) throws IOException {
    return new BridgeClient(new Socket("127.0.0.1", port));
  }

  void write(JsonObject frame) throws IOException {
    byte[] bytes = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  void register(String address) throws IOException {
    write(new JsonObject().put("type", "register").put("address", address));
  }

  /** Sends this body to one consumer of the address. */
  void send(String address, Object body) throws IOException {
    write(new JsonObject().put("type", "send").put("address", address).put("body", body));
  }

  /** Publishes this body to every consumer of the address. */
  void publish(String address, Object body) throws IOException {
    write(new JsonObject().put("type", "publish").put("address", address).put("body", body));
  }

  /** The next frame; fails the test if none comes within 20 seconds. */
  JsonObject read() throws IOException {
    int length = in.readInt();
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Pings and reads up to the pong. The bridge handles a connection's frames in order, so
   * everything written before the ping has been acted on when this returns.
   */
  void sync() throws IOException {
    write(new JsonObject().put("type", "ping"));
    JsonObject frame = read();
    if (!"pong".equals(frame.getString("type"))) {
      throw new AssertionError("expected pong, got " + frame.encode());
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
