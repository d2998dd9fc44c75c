package io.axon.controller.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
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

/**
 * A real one-node Kubernetes cluster on 127.0.0.1 for end-to-end tests: etcd, kube-apiserver (Node
 * and RBAC authorization), kube-controller-manager, kube-scheduler, containerd (runc, cgroupfs,
 * overlayfs) and a kubelet registered as node {@value #NODE_NAME}, with the images
 * hack/images/build.py makes from the Dockerfiles imported (no registry).
 *
 * <p>Pods get their own network namespace from hack/node/cni/axon-netns and reach nothing but what
 * {@link #relay} opens: a port on the pod's loopback relayed to the same port on the host's.
 * Nothing is added to the host's network. The node's setting for this machine (no CAP_SYS_RESOURCE,
 * hybrid cgroups, no systemd) are explained in docs/real-node.md. One node at a time per machine (a
 * lock file): the kubelet's cgroups are machine-wide. {@link #close} removes pods, processes,
 * mounts, cgroups and files.
 */
public final class RealNode implements AutoCloseable {
  static final String NODE_NAME = "127.0.0.1";
  public static final String ADMIN = ControlPlane.ADMIN;
  public static final String CONTROLLER = ControlPlane.CONTROLLER;
  public static final String CONTROLLER_NAMESPACE = ControlPlane.CONTROLLER_NAMESPACE;

  private static final Path LOCK = Path.of("/run/axon-real-node.lock");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final String CONTROLLERS =
      "job-controller,garbage-collector-controller,serviceaccount-controller,"
          + "node-lifecycle-controller,namespace-controller,ttl-after-finished-controller,pod-garbage-collector-controller,"
          + "root-ca-certificate-publisher-controller,deployment-controller,replicaset-controller";

  private final Path work;
  private final Path bin;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::teardown, "real-node-shutdown");
  private final int etcdPort = freePort();
  private final int etcdPeerPort = freePort();
  private final int apiPort = freePort();
  private FileChannel lockFile;
  private NodeImages images;
  private ManagedProcess apiServer;
  private ManagedProcess kubelet;
  private KubernetesClient admin;
  private final long startedNanos = System.nanoTime();

  private RealNode() {
    bin = ControlPlaneBinaries.dir();
    try {
      work = Files.createTempDirectory("axon-node-");
      Files.createDirectories(work.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds what is missing (kubelet, images), starts everything, waits for the node Ready. */
  public static RealNode start() {
    RealNode node = new RealNode();
    try {
      node.startAll();
      return node;
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
  }

  private void startAll() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    lock();
    Path kubeletBinary =
        Path.of(
            HostCommands.run(
                    RepoPaths.root(),
                    List.of(
                        RepoPaths.root().resolve("hack/control-plane/build.sh").toString(),
                        "--kubelet"),
                    Duration.ofMinutes(30))
                .strip());
    images = new NodeImages();
    NodePki pki = new NodePki(work.resolve("pki"));
    writeCredentials();

    ManagedProcess etcd =
        launch(
            "etcd",
            bin.resolve("etcd").toString(),
            "--name=axon-node",
            "--data-dir=" + work.resolve("etcd"),
            "--listen-client-urls=http://127.0.0.1:" + etcdPort,
            "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
            "--listen-peer-urls=http://127.0.0.1:" + etcdPeerPort,
            "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeerPort,
            "--initial-cluster=axon-node=http://127.0.0.1:" + etcdPeerPort,
            "--listen-metrics-urls=",
            "--unsafe-no-fsync",
            "--log-level=warn");
    apiServer =
        launch(
            "kube-apiserver",
            bin.resolve("kube-apiserver").toString(),
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + apiPort,
            "--etcd-servers=http://127.0.0.1:" + etcdPort,
            "--cert-dir=" + work.resolve("apiserver-certs"),
            "--token-auth-file=" + work.resolve("tokens.csv"),
            "--client-ca-file=" + pki.file("ca.crt"),
            "--kubelet-client-certificate=" + pki.file("apiserver-kubelet-client.crt"),
            "--kubelet-client-key=" + pki.file("apiserver-kubelet-client.key"),
            "--authorization-mode=Node,RBAC",
            "--enable-admission-plugins=NodeRestriction,OwnerReferencesPermissionEnforcement",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file=" + work.resolve("sa.pub"),
            "--service-account-signing-key-file=" + work.resolve("sa.key"),
            "--service-cluster-ip-range=10.96.0.0/16",
            "--endpoint-reconciler-type=none");
    waitFor(
        apiServer,
        "kube-apiserver's serving certificate",
        () -> ControlPlane.holdsACertificate(work.resolve("apiserver-certs/apiserver.crt")));
    for (String user : tokens.keySet()) {
      HostCommands.write(kubeconfig(user), kubeconfigYaml("token: " + tokens.get(user)));
    }
    HostCommands.write(
        work.resolve("kubeconfig-kubelet"),
        kubeconfigYaml(
            "{client-certificate: %s, client-key: %s}"
                .formatted(pki.file("kubelet.crt"), pki.file("kubelet.key"))));
    admin = new KubernetesClientBuilder().withConfig(config(ADMIN)).build();
    waitFor(apiServer, "kube-apiserver /readyz", this::apiReady);
    Crds.install(admin);
    grantControllerRbac();
    String adminKubeconfig = "--kubeconfig=" + kubeconfig(ADMIN);
    launch(
        "kube-controller-manager",
        bin.resolve("kube-controller-manager").toString(),
        adminKubeconfig,
        "--leader-elect=false",
        "--secure-port=0",
        "--root-ca-file=" + work.resolve("apiserver-certs/apiserver.crt"),
        "--controllers=" + CONTROLLERS);
    launch(
        "kube-scheduler",
        bin.resolve("kube-scheduler").toString(),
        adminKubeconfig,
        "--leader-elect=false",
        "--secure-port=0");

    ManagedProcess containerd =
        launch("containerd", "containerd", "--config=" + writeContainerdConfig());
    waitFor(containerd, "containerd's socket", () -> Files.exists(containerdSocket()));
    images.importInto(containerdSocket(), containerdRoot().resolve("axon-images.stamp"));

    kubelet =
        launch(
            "kubelet",
            kubeletBinary.toString(),
            "--config=" + writeKubeletConfig(pki),
            "--kubeconfig=" + work.resolve("kubeconfig-kubelet"),
            "--root-dir=" + work.resolve("kubelet"),
            "--cert-dir=" + work.resolve("kubelet/pki"),
            "--hostname-override=" + NODE_NAME,
            "--v=1");
    waitFor(kubelet, "node " + NODE_NAME + " Ready", this::nodeReady);
    System.err.printf(
        "Real node Ready after %.1f s (files in %s)%n",
        (System.nanoTime() - startedNanos) / 1e9, work);
  }

  private Path writeContainerdConfig() {
    Path cni = work.resolve("cni");
    HostCommands.write(cni.resolve("relays"), "");
    HostCommands.write(
        cni.resolve("net.d/10-axon-netns.conflist"),
        """
        {"cniVersion": "1.0.0", "name": "axon-netns",
         "plugins": [{"type": "axon-netns", "stateDir": "%s", "relaysFile": "%s"}]}
        """
            .formatted(cni.resolve("state"), cni.resolve("relays")));
    Path config = work.resolve("containerd/config.toml");
    HostCommands.write(
        config,
        """
        version = 2
        root = "%5$s"
        state = "%1$s/containerd/state"
        [grpc]
          address = "%2$s"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "registry.k8s.io/pause:3.10"
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          disable_apparmor = true
          # No process here has CAP_SYS_RESOURCE: runc cannot set a negative oom_score_adj.
          restrict_oom_score_adj = true
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                BinaryName = "runc"
                Root = "%1$s/containerd/runc"
                SystemdCgroup = false
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "%3$s"
            conf_dir = "%4$s"
        [plugins."io.containerd.internal.v1.opt"]
          path = "%1$s/containerd/opt"
        """
            .formatted(
                work,
                containerdSocket(),
                RepoPaths.root().resolve("hack/node/cni"),
                cni.resolve("net.d"),
                containerdRoot()));
    return config;
  }

  private Path writeKubeletConfig(NodePki pki) {
    Path config = work.resolve("kubelet-config.yaml");
    HostCommands.write(
        config,
        """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: 127.0.0.1
        port: %d
        readOnlyPort: 0
        healthzBindAddress: 127.0.0.1
        healthzPort: %d
        containerRuntimeEndpoint: unix://%s
        cgroupDriver: cgroupfs
        failSwapOn: false
        podLogsDir: %s
        authentication:
          anonymous: {enabled: false}
          webhook: {enabled: true}
          x509: {clientCAFile: %s}
        authorization: {mode: Webhook}
        evictionHard: {memory.available: "100Mi", nodefs.available: "1%%", imagefs.available: "1%%"}
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        rotateCertificates: false
        serverTLSBootstrap: false
        # The kubelet's default iptables rules would change a machine others share.
        makeIPTablesUtilChains: false
        # Without CAP_SYS_RESOURCE the kubelet cannot lower its own OOM score.
        oomScoreAdj: 0
        """
            .formatted(
                freePort(),
                freePort(),
                containerdSocket(),
                work.resolve("pod-logs"),
                pki.file("ca.crt")));
    return config;
  }

  /**
   * Makes 127.0.0.1:podPort inside every pod created from now on reach 127.0.0.1:hostPort on the
   * host (a test server, or the API server for an in-cluster client). A later call for the same pod
   * port replaces the earlier one.
   */
  public synchronized void relay(int podPort, int hostPort) {
    Path relays = work.resolve("cni/relays");
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(relays));
      lines.removeIf(line -> line.startsWith(podPort + " "));
      lines.add(podPort + " " + hostPort);
      Files.write(relays, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API server's port on 127.0.0.1 (relay it for in-cluster clients). */
  public int apiPort() {
    return apiPort;
  }

  public KubernetesClient client() {
    return admin;
  }

  public Config config(String user) {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig(user)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path kubeconfig(String user) {
    if (!tokens.containsKey(user)) {
      throw new IllegalArgumentException("No user " + user + "; there are " + tokens.keySet());
    }
    return work.resolve("kubeconfig-" + user);
  }

  /**
   * A kubeconfig file {@code kubeconfig-<name>} for the API server with this bearer token (a
   * service account's, for a component that runs as its own identity).
   */
  public Path kubeconfigForToken(String name, String token) {
    Path file = work.resolve("kubeconfig-" + name);
    HostCommands.write(file, kubeconfigYaml("token: " + token));
    return file;
  }

  /** The agent image (its -test tag: the CLI talks to the scripted model server's relay). */
  public String agentTestImage() {
    return images.agent() + NodeImages.TEST_TAG_SUFFIX;
  }

  public String agentImage() {
    return images.agent();
  }

  public String controllerImage() {
    return images.controller();
  }

  /** A namespace that enforces the restricted Pod Security Standard, with its service account. */
  public String createRestrictedNamespace(String name) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
    waitFor(
        apiServer,
        "service account " + name + "/default",
        () -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /** The ids of the containers (pod sandboxes included) containerd runs now. */
  public List<String> runningContainers() {
    String out =
        HostCommands.run(
            work,
            List.of(
                "ctr", "--address", containerdSocket().toString(), "-n", "k8s.io", "tasks", "ls"));
    return out.lines()
        .skip(1)
        .map(line -> line.trim().split("\\s+"))
        .filter(fields -> fields.length == 3 && fields[2].equals("RUNNING"))
        .map(fields -> fields[0])
        .toList();
  }

  /** The last lines of every component's log, for a failing test's message. */
  public String logTails(int lines) {
    StringBuilder all = new StringBuilder();
    for (ManagedProcess process : processes) {
      all.append(process.tail(lines)).append('\n');
    }
    return all.toString();
  }

  @Override
  public void close() {
    teardown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook does the same.
    }
  }

  private synchronized void teardown() {
    if (admin != null && kubelet != null && kubelet.isAlive()) {
      deletePods();
    }
    stop("kubelet");
    NodeTeardown.removeContainers(containerdSocket());
    stop("containerd");
    NodeTeardown.stopShims(containerdSocket());
    NodeTeardown.stopRelays(work.resolve("cni/state"));
    NodeTeardown.unmount(work);
    NodeTeardown.removeKubepodsCgroups();
    NodeTeardown.removeHostDirectories();
    if (admin != null) {
      admin.close();
      admin = null;
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    unlock();
    if (Boolean.getBoolean("axon.it.keep")) {
      System.err.println("Real node files kept in " + work);
      return;
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Could not delete " + work + ": " + e.getMessage());
    }
  }

  /** Jobs first (or the Job controller makes new pods), then pods, through the kubelet. */
  private void deletePods() {
    try {
      stop("kube-controller-manager");
      admin.batch().v1().jobs().inAnyNamespace().delete();
      admin.pods().inAnyNamespace().withGracePeriod(1).delete();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!admin.pods().inAnyNamespace().list().getItems().isEmpty()
          && System.nanoTime() < deadline) {
        Eventually.sleep(200);
      }
    } catch (RuntimeException e) {
      System.err.println("Could not delete the node's pods: " + e.getMessage());
    }
  }

  private void stop(String name) {
    processes.stream().filter(p -> p.name().equals(name)).forEach(ManagedProcess::stop);
  }

  /**
   * Containerd's content store and snapshots, kept between runs: imported images are then already
   * unpacked (a fresh store costs the import and unpacking every time).
   */
  private static Path containerdRoot() {
    String cache = System.getenv("AXON_CACHE_DIR");
    Path root =
        cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache/axon");
    return root.resolve("node/containerd");
  }

  private Path containerdSocket() {
    return work.resolve("containerd.sock");
  }

  private boolean apiReady() {
    return admin.namespaces().withName("default").get() != null;
  }

  private boolean nodeReady() {
    Node node = admin.nodes().withName(NODE_NAME).get();
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void lock() {
    try {
      lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      FileLock lock;
      while ((lock = lockFile.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Another real node holds " + LOCK + " for 15 minutes");
        }
        Eventually.sleep(1000);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + LOCK + ": " + e.getMessage(), e);
    }
  }

  private void unlock() {
    if (lockFile != null) {
      try {
        lockFile.close();
      } catch (IOException e) {
        // Closing releases the lock; nothing else to do.
      }
      lockFile = null;
    }
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

  private ManagedProcess launch(String name, String... command) {
    ManagedProcess process =
        new ManagedProcess(name, List.of(command), work.resolve("logs/" + name + ".log")).start();
    synchronized (this) {
      processes.add(process);
    }
    return process;
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
    HostCommands.write(work.resolve("tokens.csv"), csv.toString());
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      HostCommands.write(
          work.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      HostCommands.write(work.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
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
    List<HasMetadata> items;
    try (var in = Files.newInputStream(RepoPaths.root().resolve("deploy/controller/rbac.yaml"))) {
      items = admin.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  private String kubeconfigYaml(String userStanza) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: axon-node
          cluster:
            server: https://127.0.0.1:%d
            certificate-authority: %s
        users:
        - name: user
          user: {%s}
        contexts:
        - name: axon-node
          context: {cluster: axon-node, user: user}
        current-context: axon-node
        """
        .formatted(
            apiPort,
            work.resolve("apiserver-certs/apiserver.crt"),
            userStanza.startsWith("{")
                ? userStanza.substring(1, userStanza.length() - 1)
                : userStanza);
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

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
