package io.axon.controller.it;

import io.axon.install.NamespacedRbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1 for integration tests: etcd and kube-apiserver with
 * Axon's CRDs installed, and optionally what makes Jobs run (kube-controller-manager with the job
 * and garbage-collector controllers, kube-scheduler, and kwok with fake nodes that move pods
 * through Pending, Running and Succeeded or Failed; see hack/control-plane/kwok-stages.yaml).
 *
 * <p>The binaries are launched directly, with the flag sets of hack/control-plane/smoke.sh, rather
 * than through fabric8 kube-api-test: the tests restart kube-apiserver alone on the same etcd and
 * port, turn on its audit log, and run three more components against it, none of which
 * kube-api-test offers.
 *
 * <p>Two users: {@link #ADMIN} ({@code system:masters}) for the tests, and {@link #CONTROLLER} for
 * a controller under test, which may do only what the shipped RBAC (deploy/controller/rbac.yaml)
 * grants the controller's service account: the tests prove that it is enough. Its leader-election
 * Lease lives in {@link #CONTROLLER_NAMESPACE}. kube-apiserver enforces owner-reference permissions
 * (OwnerReferencesPermissionEnforcement, as OpenShift does), so the controller's right to set
 * blockOwnerDeletion on its Jobs is checked too. Start one per test class (it takes seconds);
 * {@link #close} stops every process and deletes its files (set {@code -Daxon.it.keep=true} to keep
 * them for a post-mortem).
 */
public final class ControlPlane implements AutoCloseable {
  public static final String ADMIN = "axon-it-admin";
  public static final String CONTROLLER = "axon-controller";
  public static final String CONTROLLER_NAMESPACE = "axon-system";

  /** Kube-controller-manager controllers the Job lifecycle needs, plus tidying ones (smoke.sh). */
  private static final String CONTROLLERS =
      "job-controller,garbage-collector-controller,serviceaccount-controller,"
          + "node-lifecycle-controller,namespace-controller,ttl-after-finished-controller,"
          + "pod-garbage-collector-controller";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final boolean jobLifecycle;
  private final int nodes;
  private final int podsPerNode;
  private final boolean auditLog;
  private final List<String> namespacedRbac;
  private final Path bin;
  private final Path work;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "control-plane-shutdown");
  private final int etcdPort = freePort();
  private final int etcdPeerPort = freePort();
  private final int apiPort = freePort();
  private ManagedProcess apiServer;
  private KubernetesClient admin;

  private ControlPlane(Builder builder) {
    this.jobLifecycle = builder.jobLifecycle;
    this.nodes = builder.nodes;
    this.podsPerNode = builder.podsPerNode;
    this.auditLog = builder.auditLog;
    this.namespacedRbac = builder.namespacedRbac;
    this.bin = ControlPlaneBinaries.dir();
    try {
      this.work = Files.createTempDirectory("axon-control-plane-");
      Files.createDirectories(work.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What to run besides etcd and kube-apiserver. */
  public static final class Builder {
    private boolean jobLifecycle;
    private int nodes = 1;
    private int podsPerNode = 110;
    private boolean auditLog;
    private List<String> namespacedRbac = List.of();

    /**
     * Grant the controller the namespaced install's RBAC (deploy/namespaced/rbac.yaml rendered for
     * these namespaces, which are created) instead of the cluster-wide ClusterRole.
     */
    public Builder namespacedRbac(String... namespaces) {
      this.namespacedRbac = List.of(namespaces);
      return this;
    }

    /** Also run kube-controller-manager, kube-scheduler and kwok, so Jobs get pods that run. */
    public Builder jobLifecycle() {
      this.jobLifecycle = true;
      return this;
    }

    /** How many kwok nodes, and how many pods each takes (default one node of 110). */
    public Builder kwokNodes(int count, int podsPerNode) {
      this.nodes = count;
      this.podsPerNode = podsPerNode;
      return this;
    }

    /** Record every request of the {@link #CONTROLLER} user in {@link #auditLog()}. */
    public Builder auditLog() {
      this.auditLog = true;
      return this;
    }

    public ControlPlane start() {
      ControlPlane plane = new ControlPlane(this);
      try {
        plane.startAll();
        return plane;
      } catch (RuntimeException | Error e) {
        plane.close();
        throw e;
      }
    }
  }

  private void startAll() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    writeCredentials();
    ManagedProcess etcd =
        launch(
            "etcd",
            bin.resolve("etcd").toString(),
            "--name=axon-it",
            "--data-dir=" + work.resolve("etcd"),
            "--listen-client-urls=http://127.0.0.1:" + etcdPort,
            "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
            "--listen-peer-urls=http://127.0.0.1:" + etcdPeerPort,
            "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeerPort,
            "--initial-cluster=axon-it=http://127.0.0.1:" + etcdPeerPort,
            "--unsafe-no-fsync",
            "--log-level=warn");
    waitFor(
        etcd,
        "etcd /health",
        () -> httpOk(plainHttp(), "http://127.0.0.1:" + etcdPort + "/health"));

    apiServer = launch("kube-apiserver", apiServerCommand());
    waitForApiServer();
    for (String user : tokens.keySet()) {
      write(kubeconfig(user), kubeconfigYaml(user));
    }
    admin = new KubernetesClientBuilder().withConfig(config(ADMIN)).build();
    // Before controller-manager starts: its garbage collector then knows Tasks from the first
    // moment, so it collects the Jobs of deleted Tasks.
    Crds.install(admin);
    grantControllerRbac();

    if (jobLifecycle) {
      String kubeconfig = "--kubeconfig=" + kubeconfig(ADMIN);
      launch(
          "kube-controller-manager",
          bin.resolve("kube-controller-manager").toString(),
          kubeconfig,
          "--leader-elect=false",
          "--secure-port=0",
          "--controllers=" + CONTROLLERS,
          // Client-side rate limits (default 20 QPS) would make the Job controller the bottleneck.
          "--kube-api-qps=1000",
          "--kube-api-burst=2000",
          "--concurrent-job-syncs=20");
      launch(
          "kube-scheduler",
          bin.resolve("kube-scheduler").toString(),
          kubeconfig,
          "--leader-elect=false",
          "--secure-port=0",
          "--kube-api-qps=1000",
          "--kube-api-burst=2000");
      launch(
          "kwok",
          bin.resolve("kwok").toString(),
          kubeconfig,
          "--config=" + RepoPaths.root().resolve("hack/control-plane/kwok-stages.yaml"),
          "--manage-all-nodes=false",
          "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
          "--node-lease-duration-seconds=40");
      for (int i = 0; i < nodes; i++) {
        admin.nodes().resource(kwokNode("kwok-node-" + i)).create();
      }
      waitFor(
          apiServer,
          nodes + " kwok node(s) Ready",
          () ->
              admin.nodes().list().getItems().stream().filter(ControlPlane::ready).count()
                  == nodes);
    }
  }

  private List<String> apiServerCommand() {
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.resolve("kube-apiserver").toString(),
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiPort,
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--cert-dir=" + work.resolve("apiserver-certs"),
                "--token-auth-file=" + work.resolve("tokens.csv"),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + work.resolve("sa.pub"),
                "--service-account-signing-key-file=" + work.resolve("sa.key"),
                "--service-cluster-ip-range=10.96.0.0/16",
                "--endpoint-reconciler-type=none",
                "--enable-admission-plugins=OwnerReferencesPermissionEnforcement"));
    if (auditLog) {
      write(
          work.resolve("audit-policy.yaml"),
          """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: [RequestReceived]
          rules:
          - level: Metadata
            users: ["%s"]
          - level: None
          """
              .formatted(CONTROLLER));
      command.add("--audit-policy-file=" + work.resolve("audit-policy.yaml"));
      command.add("--audit-log-path=" + auditLogPath());
      command.add("--audit-log-format=json");
      command.add("--audit-log-maxsize=0");
    }
    return command;
  }

  /** The admin's client (closed by {@link #close}). */
  public KubernetesClient client() {
    return admin;
  }

  /** Client configuration for {@link #ADMIN} or {@link #CONTROLLER}. */
  public Config config(String user) {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig(user)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kubeconfig file for {@link #ADMIN} or {@link #CONTROLLER}. */
  public Path kubeconfig(String user) {
    if (!tokens.containsKey(user)) {
      throw new IllegalArgumentException("No user " + user + "; there are " + tokens.keySet());
    }
    return work.resolve("kubeconfig-" + user);
  }

  public Path auditLogPath() {
    return work.resolve("logs/audit.log");
  }

  /** The processes' logs and the other files of this control plane. */
  public Path workDir() {
    return work;
  }

  /** The running components' process ids, by name (for CPU and memory accounting). */
  public synchronized Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    processes.stream().filter(ManagedProcess::isAlive).forEach(p -> pids.put(p.name(), p.pid()));
    return pids;
  }

  /**
   * Creates a namespace; with the Job lifecycle on, waits for its {@code default} service account,
   * without which the Job controller cannot create pods there.
   */
  public String createNamespace(String name) {
    return createNamespace(name, Map.of());
  }

  /** Creates a namespace with labels (for example Pod Security admission levels). */
  public String createNamespace(String name, Map<String, String> labels) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    if (jobLifecycle) {
      waitFor(
          apiServer,
          "service account " + name + "/default",
          () -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
    }
    return name;
  }

  /** Stops kube-apiserver (etcd and everything else keep running). */
  public void stopApiServer() {
    apiServer.stop();
  }

  /** Starts kube-apiserver again, same flags, etcd and port, and waits until it is ready. */
  public void startApiServer() {
    apiServer.start();
    waitForApiServer();
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the same.
    }
    if (Boolean.getBoolean("axon.it.keep")) {
      System.err.println("Control plane files kept in " + work);
      return;
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + work + ": " + e.getMessage());
    }
  }

  /** The last lines of every component's log, for a failing test's message. */
  public String logTails(int lines) {
    StringBuilder all = new StringBuilder();
    for (ManagedProcess process : processes) {
      all.append(process.tail(lines)).append('\n');
    }
    return all.toString();
  }

  private synchronized void stopProcesses() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
  }

  private ManagedProcess launch(String name, String... command) {
    return launch(name, List.of(command));
  }

  private synchronized ManagedProcess launch(String name, List<String> command) {
    ManagedProcess process =
        new ManagedProcess(name, command, work.resolve("logs/" + name + ".log")).start();
    processes.add(process);
    return process;
  }

  private void waitForApiServer() {
    Path cert = work.resolve("apiserver-certs/apiserver.crt");
    waitFor(apiServer, "kube-apiserver's serving certificate", () -> holdsACertificate(cert));
    HttpClient https = trusting(cert);
    waitFor(
        apiServer,
        "kube-apiserver /readyz",
        () -> httpOk(https, "https://127.0.0.1:" + apiPort + "/readyz"));
  }

  private void waitFor(ManagedProcess process, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // Not there yet.
      }
      process.checkAlive(what);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Timed out after "
                + START_TIMEOUT.toSeconds()
                + " s waiting for "
                + what
                + "\n"
                + logTails(20));
      }
      Eventually.sleep(100);
    }
  }

  private void writeCredentials() {
    SecureRandom random = new SecureRandom();
    StringBuilder csv = new StringBuilder();
    for (String user : List.of(ADMIN, CONTROLLER)) {
      byte[] token = new byte[16];
      random.nextBytes(token);
      tokens.put(user, HexFormat.of().formatHex(token));
      String group = user.equals(ADMIN) ? "system:masters" : "axon-it";
      csv.append(String.join(",", tokens.get(user), user, user, group)).append('\n');
    }
    write(work.resolve("tokens.csv"), csv.toString());
    // The service-account signing key the API server requires (PKCS#8 and X.509 PEM).
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      write(work.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      write(work.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shipped RBAC, bound (also) to the {@link #CONTROLLER} user. */
  private void grantControllerRbac() {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(CONTROLLER_NAMESPACE)
                .endMetadata()
                .build())
        .create();
    Subject user =
        new SubjectBuilder()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("User")
            .withName(CONTROLLER)
            .build();
    Path rbac = RepoPaths.root().resolve("deploy/controller/rbac.yaml");
    List<HasMetadata> items;
    try (var in = Files.newInputStream(rbac)) {
      items = new ArrayList<>(admin.load(in).items());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!namespacedRbac.isEmpty()) {
      items.removeIf(item -> item instanceof ClusterRole || item instanceof ClusterRoleBinding);
      namespacedRbac.forEach(this::createNamespace);
      try {
        String template =
            Files.readString(RepoPaths.root().resolve("deploy/" + NamespacedRbac.TEMPLATE));
        String rendered = NamespacedRbac.render(template, namespacedRbac);
        items.addAll(
            admin
                .load(new java.io.ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)))
                .items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (HasMetadata item : items) {
      if (item instanceof ClusterRoleBinding binding) {
        binding.getSubjects().add(user);
      } else if (item instanceof RoleBinding binding) {
        binding.getSubjects().add(user);
      }
      admin.resource(item).create();
    }
  }

  private String kubeconfigYaml(String user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: axon-it
          cluster:
            server: https://127.0.0.1:%d
            certificate-authority: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: axon-it
          context: {cluster: axon-it, user: %s}
        current-context: axon-it
        """
        .formatted(
            apiPort, work.resolve("apiserver-certs/apiserver.crt"), user, tokens.get(user), user);
  }

  private Node kwokNode(String name) {
    Map<String, Quantity> capacity =
        Map.of(
            "cpu", new Quantity("1000"),
            "memory", new Quantity("4Ti"),
            "pods", new Quantity(String.valueOf(podsPerNode)));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .addToLabels("type", "kwok")
        .endMetadata()
        .withNewStatus()
        .withAllocatable(capacity)
        .withCapacity(capacity)
        .endStatus()
        .build();
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static HttpClient plainHttp() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * Whether kube-apiserver has written its self-signed certificate whole: the file appears empty
   * first, and a reader that came too early would fail.
   */
  static boolean holdsACertificate(Path certificate) {
    try (var in = new ByteArrayInputStream(Files.readAllBytes(certificate))) {
      CertificateFactory.getInstance("X.509").generateCertificate(in);
      return true;
    } catch (IOException | java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static HttpClient trusting(Path certificate) {
    try (var in = new ByteArrayInputStream(Files.readAllBytes(certificate))) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "apiserver", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      // HTTP/1.1: the JDK's HTTP/2 client gets a GOAWAY from kube-apiserver.
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .sslContext(tls)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read " + certificate + ": " + e.getMessage(), e);
    }
  }

  private static boolean httpOk(HttpClient http, String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
