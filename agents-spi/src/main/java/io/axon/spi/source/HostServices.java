package io.axon.spi.source;

import java.util.Optional;

/**
 * Services the host process lends to plugins without the SPI naming their types. The controller
 * offers its {@code io.vertx.core.Vertx} so plugins share its event loops.
 */
@FunctionalInterface
public interface HostServices {

  /** The host's instance of a service type, if it offers one. */
  <T> Optional<T> lookup(Class<T> type);

  /** A host that offers nothing. */
  static HostServices none() {
    return new HostServices() {
      @Override
      public <T> Optional<T> lookup(Class<T> type) {
        return Optional.empty();
      }
    };
  }
}
