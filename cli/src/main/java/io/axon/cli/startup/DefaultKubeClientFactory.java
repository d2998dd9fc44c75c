package io.axon.cli.startup;

import io.axon.cli.KubeClientFactory;
import io.axon.cli.UserException;
import io.axon.client.config.YamlErrors;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Clients configured as kubectl would be: KUBECONFIG or ~/.kube/config, or the pod's account. They
 * share one HTTP transport, the JDK's own client ({@link JdkTransport}), shut down by {@link
 * #close()}.
 */
public final class DefaultKubeClientFactory implements KubeClientFactory, AutoCloseable {

  private final List<KubernetesClient> made = new ArrayList<>();
  private JdkTransport transport;
  private ClientPrefetch prefetched;
  private CompletableFuture<KubernetesClient> prefetch;
  private Thread prefetchThread;

  public DefaultKubeClientFactory() {}

  /**
   * The factory of the {@code axon} process, set up for a short-lived JVM: the client {@code args}
   * will probably ask for is already being made on another thread (see {@link ClientPrefetch}).
   */
  public static DefaultKubeClientFactory forCommandLine(String... args) {
    setUpTheProcess();
    DefaultKubeClientFactory clients = new DefaultKubeClientFactory();
    ClientPrefetch.guess(List.of(args)).ifPresent(clients::prefetch);
    return clients;
  }

  /** What the process of a command (or of its training run) sets before making any client. */
  static void setUpTheProcess() {
    // The kubeconfig's client key reaches the TLS stack through an in-memory PKCS#12 key store that
    // is never written anywhere: the key-stretching meant for key store files on disk is wasted
    // work there, about 40 ms of a command's start.
    System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
  }

  /** Starts making the client {@code hint} names on another thread; see {@link ClientPrefetch}. */
  synchronized void prefetch(ClientPrefetch hint) {
    CompletableFuture<KubernetesClient> future = new CompletableFuture<>();
    prefetched = hint;
    prefetch = future;
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(make(hint.kubeconfig(), hint.context()));
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            "axon-client-prefetch");
    thread.setDaemon(true);
    prefetchThread = thread;
    thread.start();
  }

  @Override
  public KubernetesClient create(Path kubeconfig, String context) {
    CompletableFuture<KubernetesClient> pending;
    synchronized (this) {
      pending = new ClientPrefetch(kubeconfig, context).equals(prefetched) ? prefetch : null;
      if (pending != null) {
        // Handed out once; a wrong guess stays for close() to wait for and close.
        prefetched = null;
        prefetch = null;
      }
    }
    if (pending != null) {
      if (!pending.isDone()) {
        KeyExchangeWarmUp.run();
      }
      try {
        return pending.join();
      } catch (CompletionException e) {
        // Made again below, on this thread, so that the error surfaces as for any command.
      }
    }
    return make(kubeconfig, context);
  }

  private KubernetesClient make(Path kubeconfig, String context) {
    Config config = config(kubeconfig, context);
    if (context == null && config.getCurrentContext() == null && !inCluster()) {
      // fabric8 would fall back to https://kubernetes.default.svc, which only a pod can reach.
      throw new UserException(
          "the kubeconfig (%s) sets no current-context: choose one with `kubectl config"
                  .formatted(kubeconfigFiles(kubeconfig))
              + " use-context NAME` or pass --context");
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new UserException("context " + context + " not found in the kubeconfig");
    }
    Config quick =
        new ConfigBuilder(config)
            // A person is waiting: fail fast when the server is unreachable instead of retrying
            // with back-off for a minute.
            .withRequestRetryBackoffLimit(1)
            .withConnectionTimeout(5_000)
            .build();
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(quick)
            .withHttpClientFactory(transport().clientFactory())
            .build();
    synchronized (this) {
      made.add(client);
    }
    return client;
  }

  /** The kubeconfig read as kubectl reads it, with a message naming the line when it is bad. */
  private static Config config(Path kubeconfig, String context) {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw new UserException("cannot read kubeconfig " + kubeconfig);
    }
    if (kubeconfig == null
        && Config.getKubeconfigFilenames().stream().noneMatch(f -> Files.isRegularFile(Path.of(f)))
        && !inCluster()) {
      throw new UserException(
          "no kubeconfig found (looked at %s): point KUBECONFIG or --kubeconfig at one"
              .formatted(kubeconfigFiles(null)));
    }
    try {
      return kubeconfig != null
          ? Config.fromKubeconfig(context, kubeconfig.toFile())
          : Config.autoConfigure(context);
    } catch (RuntimeException e) {
      String files = kubeconfigFiles(kubeconfig);
      throw new UserException(
          YamlErrors.find(e)
              .map(yaml -> YamlErrors.describe(files, yaml))
              .orElseGet(() -> "cannot read kubeconfig %s: %s".formatted(files, e.getMessage())));
    }
  }

  /** In a pod, fabric8 falls back to the pod's service account when no kubeconfig is found. */
  private static boolean inCluster() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null;
  }

  private static String kubeconfigFiles(Path kubeconfig) {
    return kubeconfig != null
        ? kubeconfig.toString()
        : String.join(", ", Config.getKubeconfigFilenames());
  }

  private synchronized JdkTransport transport() {
    if (transport == null) {
      transport = new JdkTransport();
    }
    return transport;
  }

  /** Closes the clients made so far and waits for the transport's threads to stop. */
  @Override
  public void close() {
    Thread prefetching;
    synchronized (this) {
      prefetching = prefetchThread;
    }
    if (prefetching != null) {
      // A guess no command asked for: let it finish, so that its client is closed too (its thread
      // has ended, not only completed its future).
      boolean interrupted = false;
      while (prefetching.isAlive()) {
        try {
          prefetching.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    List<KubernetesClient> clients;
    synchronized (this) {
      clients = List.copyOf(made);
      made.clear();
    }
    clients.forEach(KubernetesClient::close);
    JdkTransport used;
    synchronized (this) {
      used = transport;
      transport = null;
    }
    if (used != null) {
      used.close();
    }
  }
}
