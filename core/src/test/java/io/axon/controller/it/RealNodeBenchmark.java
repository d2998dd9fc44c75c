package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.say;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Where a Task's time goes on the real node (hack/bench-node.sh runs it; not a test): N Tasks with
 * a Workspace, one after another, each timed from its creation to Succeeded and split into
 * scheduling (created → pod bound to the node), clone (bound → the clone init container ended, pod
 * sandbox included), image start (→ the agent container running) and agent (→ the Task Succeeded).
 * Times are when this process saw each change through a watch (milliseconds), not the API's
 * second-granular timestamps. Prints p50/p95 of each and the load average.
 */
public final class RealNodeBenchmark {
  private static final String TOKEN = "ghp_bench_token";

  /** When this process first saw each step of one Task. */
  static final class Marks {
    volatile long created;
    volatile long bound;
    volatile long cloned;
    volatile long agentRunning;
    volatile long succeeded;
  }

  private RealNodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Map<String, Marks> marks = new ConcurrentHashMap<>();
    Path tmp = Files.createTempDirectory("axon-bench-node-");
    GitRepo origin = GitRepo.create(tmp.resolve("work"));
    origin.git("init", "-q", "--bare", tmp.resolve("demo.git").toString());
    origin.git("push", "-q", tmp.resolve("demo.git").toString(), "HEAD:refs/heads/main");
    long nodeStart = System.nanoTime();
    try (RealNode node = RealNode.start();
        GitHttpServer git = new GitHttpServer(tmp, TOKEN);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Done."))) {
      double nodeReady = (System.nanoTime() - nodeStart) / 1e9;
      KubernetesClient client = node.client();
      RealNodeFixtures.agentsNamespace(node);
      node.relay(RealNodeFixtures.MODEL_PORT_IN_POD, RealNodeFixtures.port(model));
      node.relay(git.port(), git.port());
      RealNodeFixtures.secret(client, "git-token", "GITHUB_TOKEN", TOKEN);
      client
          .resource(
              RealNodeFixtures.workspace(
                  "demo", "http://127.0.0.1:" + git.port() + "/demo.git", "main", "git-token"))
          .create();
      try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
          Watch watch =
              client
                  .pods()
                  .inNamespace(RealNodeFixtures.NS)
                  .withLabel(ApiGroup.TASK_LABEL)
                  .watch(new PodMarks(marks))) {
        // One warm-up Task, not counted: the first pod pays for the image's first unpack.
        run(client, "warm-up", new Marks(), marks);
        for (int i = 1; i <= tasks; i++) {
          run(client, "bench-" + i, new Marks(), marks);
          System.err.printf("bench: %d/%d%n", i, tasks);
        }
      }
      marks.remove("warm-up");
      print(nodeReady, tasks, new ArrayList<>(marks.values()));
      controllerStart(node);
    }
  }

  /**
   * The controller's own pod start: the shipped Deployment (two replicas) created → each container
   * running, and → the first Lease holder.
   */
  private static void controllerStart(RealNode node) {
    KubernetesClient client = node.client();
    Map<String, Long> running = new ConcurrentHashMap<>();
    Watcher<Pod> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            if (pod.getStatus() != null
                && PodMarks.started(pod.getStatus().getContainerStatuses(), "controller")) {
              running.putIfAbsent(pod.getMetadata().getName(), System.nanoTime());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        };
    try (Watch watch =
        client
            .pods()
            .inNamespace(RealNode.CONTROLLER_NAMESPACE)
            .withLabel("app.kubernetes.io/name", "axon-controller")
            .watch(watcher)) {
      long created = System.nanoTime();
      ControllerDeployment.create(node);
      Eventually.await(
          RealNodeFixtures.TIMEOUT,
          "a controller replica to hold the Lease",
          () ->
              client
                  .leases()
                  .inNamespace(RealNode.CONTROLLER_NAMESPACE)
                  .withName(ControllerDeployment.LEASE)
                  .get(),
          lease ->
              lease.getSpec() != null
                  && lease.getSpec().getHolderIdentity() != null
                  && !lease.getSpec().getHolderIdentity().isEmpty());
      long leased = System.nanoTime();
      String holder =
          client
              .leases()
              .inNamespace(RealNode.CONTROLLER_NAMESPACE)
              .withName(ControllerDeployment.LEASE)
              .get()
              .getSpec()
              .getHolderIdentity();
      Eventually.await(
          RealNodeFixtures.TIMEOUT,
          "both controller containers running",
          () -> running,
          r -> r.size() == 2);
      long[] ms =
          running.values().stream().mapToLong(t -> (t - created) / 1_000_000).sorted().toArray();
      double[] load = loadAverage();
      System.out.printf(
          "Controller Deployment created -> containers running %d ms, %d ms; -> Lease held %d ms"
              + " (load average %.2f)%n",
          ms[0], ms[1], (leased - created) / 1_000_000, load[0]);
      // The leader's own milestones, from its log: where the time in its JVM went.
      String log =
          Eventually.await(
              RealNodeFixtures.TIMEOUT,
              "the leader's log to say it leads",
              () ->
                  client
                      .pods()
                      .inNamespace(RealNode.CONTROLLER_NAMESPACE)
                      .withName(holder)
                      .inContainer("controller")
                      .getLog(),
              text -> text.contains("became leader"));
      java.util.regex.Matcher milestone =
          java.util.regex.Pattern.compile(
                  "(?m)(Settings read|Informer caches synced in \\d+ ms|Axon controller started"
                      + "|became leader) \\(?(\\d+) ms after the JVM started")
              .matcher(log);
      List<String> split = new ArrayList<>();
      while (milestone.find()) {
        split.add(
            milestone.group(1).replaceAll(" in \\d+ ms", "") + " " + milestone.group(2) + " ms");
      }
      System.out.printf("Leader %s, since its JVM started: %s%n", holder, String.join(", ", split));
    }
  }

  private static void run(
      KubernetesClient client, String name, Marks mark, Map<String, Marks> all) {
    Task task = RealNodeFixtures.task(name, "Say done.");
    task.getSpec().setWorkspaceRef(new LocalObjectReference("demo"));
    all.put(name, mark);
    mark.created = System.nanoTime();
    client.resource(task).create();
    Task done =
        Eventually.await(
            RealNodeFixtures.TIMEOUT,
            "Task " + name + " to finish",
            () ->
                client.resources(Task.class).inNamespace(RealNodeFixtures.NS).withName(name).get(),
            t ->
                t.getStatus() != null
                    && t.getStatus().getPhase() != null
                    && t.getStatus().getPhase().isFinished());
    mark.succeeded = System.nanoTime();
    if (done.getStatus().getPhase() != TaskPhase.Succeeded) {
      throw new IllegalStateException(name + " ended " + done.getStatus());
    }
  }

  /** Records the first time each Task's pod was seen bound, cloned and running its agent. */
  private record PodMarks(Map<String, Marks> marks) implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod pod) {
      long now = System.nanoTime();
      Marks mark = marks.get(pod.getMetadata().getLabels().get(ApiGroup.TASK_LABEL));
      if (mark == null) {
        return;
      }
      if (mark.bound == 0 && pod.getSpec().getNodeName() != null) {
        mark.bound = now;
      }
      if (pod.getStatus() == null) {
        return;
      }
      if (mark.cloned == 0 && ended(pod.getStatus().getInitContainerStatuses(), "clone")) {
        mark.cloned = now;
      }
      if (mark.agentRunning == 0 && started(pod.getStatus().getContainerStatuses(), "agent")) {
        mark.agentRunning = now;
      }
    }

    @Override
    public void onClose(WatcherException cause) {}

    private static boolean ended(List<ContainerStatus> statuses, String name) {
      return statuses != null
          && statuses.stream()
              .anyMatch(
                  s ->
                      s.getName().equals(name)
                          && s.getState() != null
                          && s.getState().getTerminated() != null);
    }

    static boolean started(List<ContainerStatus> statuses, String name) {
      return statuses != null
          && statuses.stream()
              .anyMatch(
                  s ->
                      s.getName().equals(name)
                          && s.getState() != null
                          && (s.getState().getRunning() != null
                              || s.getState().getTerminated() != null));
    }
  }

  private static void print(double nodeReady, int tasks, List<Marks> all) {
    Map<String, ToLongFunction<Marks>> phases = new LinkedHashMap<>();
    phases.put("scheduling (created -> bound)", m -> m.bound - m.created);
    phases.put("clone (bound -> clone ended)", m -> m.cloned - m.bound);
    phases.put("image start (-> agent running)", m -> m.agentRunning - m.cloned);
    phases.put("agent (-> Succeeded)", m -> m.succeeded - m.agentRunning);
    phases.put("total (created -> Succeeded)", m -> m.succeeded - m.created);
    List<Marks> complete =
        all.stream()
            .filter(m -> m.bound > 0 && m.cloned > 0 && m.agentRunning > 0 && m.succeeded > 0)
            .toList();
    double[] load = loadAverage();
    System.out.printf(
        "Real node: Ready in %.1f s; %d Tasks one after another (%d with every step seen); load"
            + " average %.2f %.2f %.2f on %d cores%n",
        nodeReady,
        tasks,
        complete.size(),
        load[0],
        load[1],
        load[2],
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%-34s %8s %8s%n", "step", "p50 ms", "p95 ms");
    for (var phase : phases.entrySet()) {
      long[] ms =
          complete.stream()
              .mapToLong(m -> phase.getValue().applyAsLong(m) / 1_000_000)
              .sorted()
              .toArray();
      System.out.printf("%-34s %8d %8d%n", phase.getKey(), percentile(ms, 50), percentile(ms, 95));
    }
  }

  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double[] loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {
        Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])
      };
    } catch (Exception e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return new double[] {one, -1, -1};
    }
  }
}
