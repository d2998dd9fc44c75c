package io.axon.cli;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx5.TlsWarmup;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** fabric8's Vert.x client on a Vert.x sized for a command line rather than a server. */
final class VertxTransport implements HttpTransport {
  private final Vertx vertx =
      Vertx.vertx(
          new VertxOptions()
              .setEventLoopPoolSize(1)
              .setWorkerPoolSize(1)
              .setInternalBlockingPoolSize(1)
              .setUseDaemonThread(true)
              .setFileSystemOptions(
                  new FileSystemOptions()
                      .setFileCachingEnabled(false)
                      .setClassPathResolvingEnabled(false)));
  private final Vertx5HttpClientFactory factory = new Vertx5HttpClientFactory(vertx);

  VertxTransport() {
    // The warm-up builds a TLS context ahead of the first request: for a server that saves time
    // later, for a single command it is only extra work.
    factory.setTlsWarmup(TlsWarmup.OFF);
  }

  @Override
  public HttpClient.Factory clientFactory() {
    return factory;
  }

  @Override
  public void close() {
    // fabric8's close() does not wait for Vert.x to stop; this does.
    try {
      vertx.close().await(Duration.ofSeconds(2));
    } catch (TimeoutException | RuntimeException e) {
      // Exiting anyway; at worst the JVM waits its 300 ms.
    }
  }
}
