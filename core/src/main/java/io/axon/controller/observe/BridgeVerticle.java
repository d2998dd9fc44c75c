package io.axon.controller.observe;

import io.axon.controller.runtime.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge: external tools connect and listen to the public lifecycle addresses
 * (frames are a 4-byte big-endian length and a JSON object; see docs/event-bus.md). Outbound only:
 * a client may register for {@code axon.task.*} and {@code axon.leader}, nothing else, and may send
 * or publish to no address unless the operator lists it in {@code bridge.allowInbound}. With a
 * token configured, every frame must carry it ({@link BridgeAuth}); with a client CA, every
 * connection must present a certificate it signed.
 */
public final class BridgeVerticle extends VerticleBase {
  /** The public Task addresses, as the bridge matches them. */
  public static final String TASK_ADDRESSES = "axon\\.task\\..*";

  private static final Logger LOG = LoggerFactory.getLogger(BridgeVerticle.class);

  private final BridgeSettings settings;
  private TcpEventBusBridge bridge;

  public BridgeVerticle(BridgeSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    Future<Optional<byte[]>> token =
        settings
            .tokenFile()
            .map(
                path ->
                    vertx
                        .fileSystem()
                        .readFile(path)
                        .map(b -> Optional.of(b.toString(StandardCharsets.UTF_8).strip()))
                        .recover(
                            e ->
                                Future.failedFuture(
                                    new IllegalStateException(
                                        "cannot read bridge.auth.tokenFile %s: %s"
                                            .formatted(path, e.getMessage())))))
            .orElse(Future.succeededFuture(Optional.empty()))
            .map(t -> t.map(s -> s.getBytes(StandardCharsets.UTF_8)));
    return token.compose(this::listen);
  }

  private Future<?> listen(Optional<byte[]> token) {
    if (token.isPresent() && token.get().length == 0) {
      return Future.failedFuture(
          new IllegalStateException(
              "bridge.auth.tokenFile %s is empty: put the token in it (from a Secret)"
                  .formatted(settings.tokenFile().orElse(""))));
    }
    bridge =
        TcpEventBusBridge.create(
            vertx,
            permissions(settings),
            serverOptions(settings),
            event -> event.complete(BridgeAuth.allows(event, token)));
    return bridge
        .listen(settings.port(), settings.host())
        .onSuccess(
            b ->
                LOG.info(
                    "Event-bus bridge listening on {}:{}{}",
                    settings.host(),
                    settings.port(),
                    (settings.tls().isPresent()
                            ? " (TLS" + (settings.mutualTls() ? ", mTLS)" : ")")
                            : "")
                        + (token.isPresent() ? ", token required" : "")));
  }

  @Override
  public Future<?> stop() {
    return bridge.close();
  }

  static BridgeOptions permissions(BridgeSettings settings) {
    BridgeOptions options =
        new BridgeOptions()
            .addOutboundPermitted(new PermittedOptions().setAddressRegex(TASK_ADDRESSES))
            .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.LEADERSHIP));
    settings
        .allowInbound()
        .forEach(
            address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    return options;
  }

  private static NetServerOptions serverOptions(BridgeSettings settings) {
    NetServerOptions options = new NetServerOptions();
    settings
        .tls()
        .ifPresent(
            tls ->
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(tls.certPath())
                            .setKeyPath(tls.keyPath())));
    settings
        .tls()
        .flatMap(BridgeSettings.Tls::clientCAPath)
        .ifPresent(
            ca ->
                options
                    .setClientAuth(ClientAuth.REQUIRED)
                    .setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    return options;
  }
}
