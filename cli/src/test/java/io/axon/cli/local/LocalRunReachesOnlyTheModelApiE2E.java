package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sandbox has a network of its own: the agent reaches the model API (here on the host's
 * loopback, allowed because it is the configured API) and hosts given with {@code --allow-host},
 * but not another service on the host's loopback, directly or through the proxy.
 */
class LocalRunReachesOnlyTheModelApiE2E {

  @Test
  void aSecretOnTheHostsLoopbackIsOutOfReach() throws Exception {
    String secret = "LOOPBACK-SECRET-" + ProcessHandle.current().pid();
    AtomicInteger asked = new AtomicInteger();
    HttpServer service = secretService(secret, asked);
    HttpServer allowed = secretService("ALLOWED-" + secret, new AtomicInteger());
    int port = service.getAddress().getPort();
    int allowedPort = allowed.getAddress().getPort();
    String probe =
        String.join(
            "; ",
            "curl -sS --max-time 5 --noproxy '*' http://127.0.0.1:" + port + "/",
            "curl -sS --max-time 5 --noproxy '' --proxy \"$HTTP_PROXY\" http://127.0.0.1:"
                + port
                + "/",
            "curl -sS --max-time 5 --noproxy '' --proxytunnel --proxy \"$HTTPS_PROXY\""
                + " http://127.0.0.1:"
                + port
                + "/",
            "curl -sS --max-time 5 http://127.0.0.1:" + allowedPort + "/",
            "echo probed");
    try (ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(message(bash(probe)), say("Done."));
        LocalRunFixture run = new LocalRunFixture()) {
      LocalRunner.Options options =
          LocalRunFixture.options(server, "Find secrets.", Optional.empty())
              .withLimits(List.of("127.0.0.1:" + allowedPort), LocalRunner.Options.DEFAULT_TIMEOUT);

      int status = run.run(options);

      assertThat(status).as(run.errors()).isZero();
      assertThat(server.requests()).hasSize(2);
      String seen = server.requests().get(1).body().toString();
      assertThat(seen).contains("probed").contains("ALLOWED-" + secret);
      assertThat(seen.replace("ALLOWED-" + secret, "")).doesNotContain(secret);
      assertThat(seen).contains("the sandbox may not reach 127.0.0.1:" + port); // plain HTTP
      assertThat(seen).contains("CONNECT tunnel failed, response 403"); // CONNECT
      assertThat(asked).hasValue(0);
    } finally {
      service.stop(0);
      allowed.stop(0);
    }
  }

  private static HttpServer secretService(String secret, AtomicInteger asked) throws Exception {
    HttpServer service =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    service.createContext(
        "/",
        exchange -> {
          asked.incrementAndGet();
          byte[] body = secret.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    service.start();
    return service;
  }
}
