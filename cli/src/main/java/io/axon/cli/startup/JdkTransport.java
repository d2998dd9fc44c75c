package io.axon.cli.startup;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpClient.Version;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * How the CLI's clients reach the API server: fabric8's client on the JDK's {@code
 * java.net.http.HttpClient}, which starts in less time than Netty and Vert.x (a command never needs
 * an event loop). fabric8 closes only the client's executor; the JDK client itself is shut down
 * here, because its selector thread, idle in native code, would make the JVM wait 300 ms at exit.
 * That needs JDK 21 ({@code shutdownNow}, {@code awaitTermination}, called by name so that the
 * module still compiles to Java 17): the launcher runs the CLI on 21+; on an older JDK it works,
 * only 0.3 s slower to exit.
 */
final class JdkTransport implements AutoCloseable {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  private static final MethodHandle SHUTDOWN_NOW = method("shutdownNow", void.class);
  private static final MethodHandle AWAIT_TERMINATION =
      method("awaitTermination", boolean.class, Duration.class);

  private final List<java.net.http.HttpClient> made = new CopyOnWriteArrayList<>();
  private final JdkHttpClientFactory factory =
      new JdkHttpClientFactory() {
        @Override
        protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
          return new RecordingBuilder(super.createNewHttpClientBuilder(), made::add);
        }
      };

  HttpClient.Factory clientFactory() {
    return factory;
  }

  /** Stops the clients' selector threads and waits for them. */
  @Override
  public void close() {
    if (SHUTDOWN_NOW == null || AWAIT_TERMINATION == null) {
      return;
    }
    for (java.net.http.HttpClient client : made) {
      try {
        SHUTDOWN_NOW.invoke(client);
        AWAIT_TERMINATION.invoke(client, CLOSE_WAIT);
      } catch (Throwable e) {
        // Exiting anyway; at worst the JVM waits its 300 ms.
      }
    }
    made.clear();
  }

  /** {@code HttpClient.name(...)}, or null on a JDK that does not have it. */
  private static MethodHandle method(String name, Class<?> returns, Class<?>... parameters) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              java.net.http.HttpClient.class, name, MethodType.methodType(returns, parameters));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Builds what fabric8 asks for and hands each built client to {@code onBuild}. */
  private static final class RecordingBuilder implements java.net.http.HttpClient.Builder {
    private final java.net.http.HttpClient.Builder builder;
    private final Consumer<java.net.http.HttpClient> onBuild;

    RecordingBuilder(
        java.net.http.HttpClient.Builder builder, Consumer<java.net.http.HttpClient> onBuild) {
      this.builder = builder;
      this.onBuild = onBuild;
    }

    @Override
    public java.net.http.HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
      builder.cookieHandler(cookieHandler);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder connectTimeout(Duration duration) {
      builder.connectTimeout(duration);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder sslContext(SSLContext sslContext) {
      builder.sslContext(sslContext);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder sslParameters(SSLParameters sslParameters) {
      builder.sslParameters(sslParameters);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder executor(Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder followRedirects(Redirect policy) {
      builder.followRedirects(policy);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder version(Version version) {
      builder.version(version);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder priority(int priority) {
      builder.priority(priority);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder proxy(ProxySelector proxySelector) {
      builder.proxy(proxySelector);
      return this;
    }

    @Override
    public java.net.http.HttpClient.Builder authenticator(Authenticator authenticator) {
      builder.authenticator(authenticator);
      return this;
    }

    @Override
    public java.net.http.HttpClient build() {
      java.net.http.HttpClient client = builder.build();
      onBuild.accept(client);
      return client;
    }
  }
}
