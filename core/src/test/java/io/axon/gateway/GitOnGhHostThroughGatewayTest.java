package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code git} with the gateway as its proxy for {@code http://github.localhost/OWNER/REPO}
 * (the pod's {@code origin}, where {@code gh} looks for it) reaches the Workspace's repository on
 * its real host with the real token, under the same push rules; any other repository, path or port
 * on that host is refused.
 */
class GitOnGhHostThroughGatewayTest {
  static final String TASK = "fix-42";
  static final String REAL_TOKEN = "ghp_real-git-token";
  static final String TASK_TOKEN = GatewayToken.mint("team-a", TASK).value();
  static final String OTHER_TOKEN = GatewayToken.mint("team-a", "flat").value();

  @TempDir static Path dir;
  static Vertx vertx;
  static GitHost host;
  static GatewayServer gateway;
  static RecordingAudit audit = new RecordingAudit();
  static GitCommand git;
  static int port;

  @BeforeAll
  static void setUp() throws Exception {
    git = new GitCommand(Files.createDirectories(dir.resolve("home")));
    Path repos = Files.createDirectories(dir.resolve("repos/acme"));
    Path seed = Files.createDirectories(dir.resolve("seed"));
    git.ok(seed, "init", "-q", "-b", "main");
    Files.writeString(seed.resolve("README.md"), "hello\n");
    git.ok(seed, "add", ".");
    git.ok(seed, "commit", "-qm", "first");
    git.ok(repos, "clone", "-q", "--bare", seed.toString(), "demo.git");
    git.ok(repos, "clone", "-q", "--bare", seed.toString(), "other.git");
    git.ok(repos.getParent(), "clone", "-q", "--bare", seed.toString(), "flat.git");
    host = new GitHost(repos.getParent(), REAL_TOKEN);

    vertx = Vertx.vertx();
    String base = "http://127.0.0.1:" + host.port();
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(new JsonObject().put("host", "127.0.0.1").put("port", 0)),
            new StaticGrants()
                .put(TASK_TOKEN, grant(TASK, base + "/acme/demo.git"))
                // A repository not at /OWNER/REPO has no GH_REPO, so nothing on github.localhost.
                .put(OTHER_TOKEN, grant("flat", base + "/flat.git")),
            audit);
    port = gateway.start().await();
  }

  @AfterAll
  static void tearDown() {
    gateway.close().await();
    vertx.close().await();
    host.close();
  }

  @Test
  void theWorkspacesRepositoryIsClonedAndPushedToOnItsRealHostWithTheRealToken() throws Exception {
    Path clone = dir.resolve("clone");
    git.ok(
        dir,
        proxy(TASK_TOKEN)
            .with("clone", "-q", "http://github.localhost/acme/demo.git", clone.toString()));
    assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo("hello\n");
    assertThat(Files.readString(clone.resolve(".git/config"))).doesNotContain(TASK_TOKEN);

    Files.writeString(clone.resolve("work.txt"), "work\n");
    git.ok(clone, "add", "work.txt");
    git.ok(clone, "commit", "-qm", "work");
    git.ok(clone, proxy(TASK_TOKEN).with("push", "-q", "origin", "HEAD:refs/heads/axon/" + TASK));
    Path upstream = dir.resolve("repos/acme/demo.git");
    assertThat(git.ok(upstream, "ls-tree", "--name-only", "axon/" + TASK).output())
        .contains("work.txt");

    GitCommand.Result main = git.run(clone, proxy(TASK_TOKEN).with("push", "origin", "HEAD:main"));
    assertThat(main.exit()).isNotZero();
    assertThat(main.output())
        .contains("[remote rejected]")
        .contains("axon gateway: this Task may push only to axon/" + TASK);
    assertThat(git.ok(upstream, "ls-tree", "--name-only", "main").output())
        .doesNotContain("work.txt");

    assertThat(host.authorizations())
        .isNotEmpty()
        .allMatch(TokenHeaders.basic("x-access-token", REAL_TOKEN)::equals);
  }

  @Test
  void anotherRepositoryOnThatHostIsRefusedWithTheReason() throws Exception {
    int before = host.authorizations().size();
    GitCommand.Result other =
        git.run(dir, proxy(TASK_TOKEN).with("ls-remote", "http://github.localhost/acme/other.git"));
    assertThat(other.exit()).isNotZero();
    assertThat(other.output()).contains("403");
    assertThat(audit.refusals())
        .anyMatch(r -> r.contains("axon gateway: this Task may reach only its Workspace's"));
    assertThat(host.authorizations()).hasSize(before);
  }

  @Test
  void onlyGitsSmartHttpPathsOfTheRepositoryOnThePlainPortPass() throws Exception {
    int before = host.authorizations().size();
    assertThat(
            get(
                "http://github.localhost/acme/demo.git/info/refs?service=git-upload-pack",
                TASK_TOKEN))
        .startsWith("HTTP/1.1 200");
    assertThat(host.authorizations()).hasSize(before + 1);
    for (String url :
        List.of(
            "http://github.localhost/acme/demo.git/HEAD",
            "http://github.localhost/acme/demo.git/../other.git/info/refs",
            "http://github.localhost/acme/other/info/refs",
            "http://github.localhost/acme/demo.git/info/refs/x",
            "http://github.localhost:8080/acme/demo.git/info/refs",
            "http://github.localhost.example/acme/demo.git/info/refs")) {
      assertThat(get(url, TASK_TOKEN)).as(url).startsWith("HTTP/1.1 403");
    }
    assertThat(get("http://github.localhost/flat.git/info/refs", OTHER_TOKEN))
        .startsWith("HTTP/1.1 403");
    assertThat(get("http://github.localhost/acme/demo.git/info/refs", null))
        .startsWith("HTTP/1.1 407");
    assertThat(host.authorizations()).hasSize(before + 1);
  }

  private static TaskGrant grant(String task, String repo) {
    return new TaskGrant(
        "team-a",
        task,
        false,
        "unused",
        Optional.of(REAL_TOKEN),
        Optional.of(URI.create(repo)),
        GitPushRule.forTask(task),
        EgressRule.parse(List.of()),
        Set.of(),
        ModelProvider.ANTHROPIC,
        new GitTokenScope("gh", List.of("127.0.0.1")));
  }

  /** git's options as the pod's environment gives them: the gateway as proxy for that host. */
  private static Args proxy(String token) {
    String key = "http.http://" + GatewayUrls.GH_HOST;
    return new Args(
        "-c",
        key + ".proxy=http://axon:" + token + "@127.0.0.1:" + port,
        "-c",
        key + ".proxyAuthMethod=basic");
  }

  record Args(String... head) {
    String[] with(String... tail) {
      String[] all = new String[head.length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(tail, 0, all, head.length, tail.length);
      return all;
    }
  }

  /** A GET in absolute form, as a client sends it to its proxy. */
  private static String get(String url, String token) throws Exception {
    String auth =
        token == null
            ? ""
            : "Proxy-Authorization: Basic "
                + Base64.getEncoder()
                    .encodeToString(("axon:" + token).getBytes(StandardCharsets.UTF_8))
                + "\r\n";
    String head =
        "GET "
            + url
            + " HTTP/1.1\r\nHost: "
            + URI.create(url).getRawAuthority()
            + "\r\nUser-Agent: git/2.39.5\r\n"
            + auth
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
