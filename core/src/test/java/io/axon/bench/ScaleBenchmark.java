package io.axon.bench;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.it.ControlPlane;
import io.axon.controller.it.Eventually;
import io.axon.controller.it.RepoPaths;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * How the controller copes with a burst of Tasks on a real control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok nodes), measured from outside. The controller runs
 * as it ships: the shaded jar in its own JVM with the Deployment's JVM options. Three phases:
 *
 * <ol>
 *   <li>reference: a bare client creates N Jobs (the controller's Jobs, suspended), as fast as it
 *       can with {@code --clients} threads: what the API server takes on this machine;
 *   <li>live: with the controller running, N Tasks are created; Task to Job latency is measured
 *       from each create call to the Job's arrival in a watch; then until every Task Succeeded. The
 *       controller's requests are counted by the API server's audit log; its memory from /proc, a
 *       class histogram and its GC log;
 *   <li>backlog: with the controller stopped, N more Tasks are created; a new controller starts;
 *       the time from its readiness to the last Job is its Job creation rate, to compare with the
 *       bare client's.
 * </ol>
 *
 * <p>With {@code --retention 1} it measures memory instead: a controller's live heap and RSS idle,
 * after N Tasks with a {@code ttlSecondsAfterFinished} finished and were deleted, and with N
 * finished Tasks kept. Whatever is counted after a burst is counted once the controller has gone
 * quiet: no request of its user in the audit log for {@link #QUIET} and no Event queued.
 *
 * <pre>
 * hack/bench-scale.sh [--tasks 1000] [--nodes 3] [--pods-per-node 700] [--clients 16]
 *                     [--workers N]   (the controller's reconcileWorkers; default: its own)
 *                     [--nmt 1]       (also print the controller's native memory and heap by class)
 *                     [--jfr 1]       (record the controller with JFR, settings=profile)
 *                     [--retention 1 [--ttl 10]]  (the memory phases instead of the three above)
 * </pre>
 */
public final class ScaleBenchmark {
  static final String LIVE_NS = "bench";
  static final String BACKLOG_NS = "bench-backlog";
  static final String REFERENCE_NS = "bench-reference";
  static final String TTL_NS = "bench-ttl";
  static final String CONTROLLER = "axon controller";

  /** How long the controller must send nothing for its work on a burst to count as done. */
  static final Duration QUIET = Duration.ofSeconds(5);

  private final Options options;
  private final ControlPlane plane;
  private final KubernetesClient client;
  private final long start = System.nanoTime();
  private final StringBuilder report = new StringBuilder();
  private final AuditLog.Follower audit;

  private ScaleBenchmark(Options options, ControlPlane plane) {
    this.options = options;
    this.plane = plane;
    this.client = plane.client();
    this.audit = new AuditLog.Follower(plane.auditLogPath());
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    System.out.printf(
        "[bench] starting a control plane with %d kwok nodes of %d pods%n",
        options.nodes, options.podsPerNode);
    try (ControlPlane plane =
        ControlPlane.builder()
            .jobLifecycle()
            .kwokNodes(options.nodes, options.podsPerNode)
            .auditLog()
            .start()) {
      new ScaleBenchmark(options, plane).run();
    }
  }

  private void run() throws Exception {
    for (String namespace : List.of(LIVE_NS, BACKLOG_NS, REFERENCE_NS, TTL_NS)) {
      plane.createNamespace(namespace);
    }
    line(
        "== Scale benchmark: %d Tasks, %d kwok nodes x %d pods, %d cores, load average %s, %s ==",
        options.tasks,
        options.nodes,
        options.podsPerNode,
        Runtime.getRuntime().availableProcessors(),
        CpuUsage.loadAverage(),
        Instant.now());
    if (options.retention) {
      retention();
    } else {
      double referenceRate = reference();
      live();
      backlog(referenceRate);
    }
    System.out.println();
    System.out.print(report);
  }

  /** A bare client creating the controller's Jobs (suspended, unowned): the API server's pace. */
  private double reference() throws Exception {
    AgentJobBuilder builder = new AgentJobBuilder(AgentPodSettings.DEFAULTS);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < options.tasks; i++) {
      Task task = benchTask(REFERENCE_NS, i);
      task.getMetadata().setUid("reference");
      Job job = builder.build(task, Optional.empty(), new BenchAgent());
      job.getMetadata().setOwnerReferences(List.of());
      job.getMetadata().setLabels(Map.of("bench", "reference"));
      job.getSpec().getTemplate().getMetadata().setLabels(Map.of("bench", "reference"));
      job.getSpec().setSuspend(true);
      jobs.add(job);
    }
    phase("reference: %d Jobs by a bare client", options.tasks);
    double seconds = timed(options.clients, i -> client.resource(jobs.get(i)).create());
    double rate = options.tasks / seconds;
    line(
        "Bare client, %d Jobs (%d in parallel):      %6.1f s  %6.0f Jobs/s",
        options.tasks, options.clients, seconds, rate);
    return rate;
  }

  /** Tasks created while the controller runs. */
  private void live() throws Exception {
    Map<String, Long> jobSeen = new ConcurrentHashMap<>();
    Map<String, Long> succeededSeen = new ConcurrentHashMap<>();
    Instant controllerStarted = Instant.now();
    Instant controllerStopped;
    try (ControllerProcess controller = startController("live");
        Watch jobs = watchJobs(LIVE_NS, jobSeen);
        Watch tasks = watchSucceeded(LIVE_NS, succeededSeen)) {
      Map<String, Long> pids = new LinkedHashMap<>(plane.pids());
      pids.put(CONTROLLER, controller.pid());
      pids.put("benchmark (clients, watches)", ProcessHandle.current().pid());
      Map<String, Double> cpuBefore = CpuUsage.of(pids);

      long[] created = new long[options.tasks];
      phase("live: creating %d Tasks", options.tasks);
      long t0 = System.nanoTime();
      double createSeconds =
          timed(
              options.clients,
              i -> {
                Task task = benchTask(LIVE_NS, i);
                created[i] = System.nanoTime();
                client.resource(task).create();
              });
      await("a Job for every Task", jobSeen);
      double allJobs = (latest(jobSeen) - t0) / 1e9;
      double[] latencies = new double[options.tasks];
      for (int i = 0; i < options.tasks; i++) {
        latencies[i] = (jobSeen.get(name(i)) - created[i]) / 1e6;
      }
      Arrays.sort(latencies);
      progress("live: every Task has its Job");
      await("every Task Succeeded", succeededSeen);
      double allSucceeded = (latest(succeededSeen) - t0) / 1e9;
      phase("live: every Task Succeeded");
      double quiet = (awaitQuiet(controller) - t0) / 1e9;
      phase("live: the controller is quiet");
      Map<String, Double> cpuAfter = CpuUsage.of(pids);
      double reconciles = controller.metric("axon_reconcile_total");

      line("Live: Tasks created (%d in parallel):     %6.1f s", options.clients, createSeconds);
      line(
          "Live: every Task has its Job:             %6.1f s after the first create (%.0f Jobs/s)",
          allJobs, options.tasks / allJobs);
      line(
          "Live: Task->Job latency p50/p95/p99/max:  %.0f / %.0f / %.0f / %.0f ms",
          percentile(latencies, 50),
          percentile(latencies, 95),
          percentile(latencies, 99),
          latencies[latencies.length - 1]);
      line(
          "Live: every Task Succeeded:               %6.1f s after the first create", allSucceeded);
      line("Live: controller's last request:          %6.1f s after the first create", quiet);
      line(
          "Live: reconciles:                         %6.0f, %.2f per Task",
          reconciles, reconciles / options.tasks);
      line(
          "CPU seconds, first Task create to the controller's last request (%.1f s wall, load"
              + " average now %s):",
          quiet, CpuUsage.loadAverage());
      cpuAfter.forEach(
          (name, after) -> line("    %-30s %6.1f s", name, after - cpuBefore.get(name)));
      line(
          "Live: controller CPU per Task:            %6.1f ms",
          (cpuAfter.get(CONTROLLER) - cpuBefore.get(CONTROLLER)) * 1000 / options.tasks);
      memory(controller, options.tasks + " Tasks finished", options.tasks);
      controllerStopped = Instant.now();
    }
    AuditLog requests =
        AuditLog.read(
            plane.auditLogPath(), ControlPlane.CONTROLLER, controllerStarted, controllerStopped);
    long counted = requests.total() - requests.transcript();
    line(
        "Live: controller API requests: %d, %.2f per Task; writes %d, %.2f per Task; besides,"
            + " the transcript keeper's %d, failing on kwok (pods/log, configmaps):",
        counted,
        (double) counted / options.tasks,
        requests.writes(),
        (double) requests.writes() / options.tasks,
        requests.transcript());
    requests.counts().forEach((key, n) -> line("    %s  %6d", key, n));
  }

  /** Tasks waiting for a controller that starts: how fast it works through them. */
  private void backlog(double referenceRate) throws Exception {
    phase("backlog: creating %d Tasks with no controller running", options.tasks);
    timed(options.clients, i -> client.resource(benchTask(BACKLOG_NS, i)).create());
    Map<String, Long> jobSeen = new ConcurrentHashMap<>();
    Map<String, Long> succeededSeen = new ConcurrentHashMap<>();
    try (Watch jobs = watchJobs(BACKLOG_NS, jobSeen);
        Watch tasks = watchSucceeded(BACKLOG_NS, succeededSeen)) {
      try (ControllerProcess controller = startController("backlog")) {
        long ready = System.nanoTime();
        await("a Job for every backlog Task", jobSeen);
        double seconds = (latest(jobSeen) - ready) / 1e9;
        double rate = options.tasks / seconds;
        line(
            "Backlog: ready to a Job for every Task:   %6.1f s  %6.0f Jobs/s (%.2f of the bare client's rate)",
            seconds, rate, rate / referenceRate);
        await("every backlog Task Succeeded", succeededSeen);
        awaitQuiet(controller);
        memory(controller, 2 * options.tasks + " Tasks finished", 2 * options.tasks);
      }
    }
  }

  /**
   * A controller's memory idle, after N Tasks with a time to live were deleted, and with N finished
   * Tasks kept (issue #12, "Retention").
   */
  private void retention() throws Exception {
    try (ControllerProcess controller = startController("retention")) {
      double cpuStart = CpuUsage.of(controller.pid());
      awaitQuiet(controller);
      Memory idle = memory(controller, "idle, no Tasks", 0);

      phase("retention: %d Tasks with ttlSecondsAfterFinished %d", options.tasks, options.ttl);
      Map<String, Long> deleted = new ConcurrentHashMap<>();
      try (Watch watch = watchDeleted(TTL_NS, deleted)) {
        timed(
            options.clients,
            i -> {
              Task task = benchTask(TTL_NS, i);
              task.getSpec().setTtlSecondsAfterFinished((long) options.ttl);
              client.resource(task).create();
            });
        await("every Task with a TTL deleted", deleted);
      }
      awaitQuiet(controller);
      Memory afterTtl =
          memory(controller, options.tasks + " Tasks with a TTL finished and deleted", 0);
      line(
          "    against idle: live heap %+.1f MiB, RSS %+d MiB",
          (afterTtl.liveBytes() - idle.liveBytes()) / 1048576.0, afterTtl.rssMiB() - idle.rssMiB());

      phase("retention: %d Tasks without a TTL", options.tasks);
      Map<String, Long> succeeded = new ConcurrentHashMap<>();
      try (Watch watch = watchSucceeded(LIVE_NS, succeeded)) {
        timed(options.clients, i -> client.resource(benchTask(LIVE_NS, i)).create());
        await("every Task without a TTL Succeeded", succeeded);
      }
      awaitQuiet(controller);
      double cpu = CpuUsage.of(controller.pid()) - cpuStart;
      Memory kept = memory(controller, options.tasks + " finished Tasks kept", options.tasks);
      double slope = (kept.liveBytes() - idle.liveBytes()) / (double) options.tasks;
      line(
          "Retention: live heap grows %.1f KiB per kept Task; at 10,000 kept: %.1f MiB%s",
          slope / 1024,
          (idle.liveBytes() + 10_000 * slope) / 1048576.0,
          options.tasks == 10_000 ? " (measured)" : " (extrapolated from this run)");
      line(
          "Retention: controller CPU per Task:       %6.1f ms (both bursts)",
          cpu * 1000 / (2 * options.tasks));
    }
  }

  /** What {@link #memory} measured: RSS before and the live heap after a full collection. */
  record Memory(long rssMiB, long liveBytes) {}

  private Memory memory(ControllerProcess controller, String what, int tasks) throws Exception {
    long rss = controller.procStatusMiB("VmRSS");
    long peakRss = controller.procStatusMiB("VmHWM");
    ControllerProcess.Histogram live = controller.heapHistogram(25);
    String nativeMemory = options.nmt ? controller.nativeMemorySummary() : "";
    ControllerProcess.Heap heap = controller.heap();
    line("Controller memory, %s (load average %s):", what, CpuUsage.loadAverage());
    line("    RSS %d MiB now, peak %d MiB", rss, peakRss);
    line(
        "    heap: live %.1f MiB after a full GC%s; peak in use %d MiB of %d MiB committed",
        live.totalBytes() / 1048576.0,
        tasks == 0 ? "" : " (%.1f KiB per Task)".formatted(live.totalBytes() / 1024.0 / tasks),
        heap.peakUsedMiB(),
        heap.peakCommittedMiB());
    line(
        "    GC: %d young + %d full collections, %.1f s in pauses",
        heap.youngCollections(), heap.fullCollections(), heap.pauseMillis() / 1000.0);
    if (options.nmt) {
      report.append(nativeMemory).append(live.top());
    }
    return new Memory(rss, live.totalBytes());
  }

  /**
   * Waits until the controller has sent the API server nothing for {@link #QUIET} (the audit log
   * records only its user), but for the transcript keeper's log reads that fail on kwok ({@link
   * AuditLog.Follower}), and has no Event queued: what it does for a burst is then done. Returns
   * when (in {@link System#nanoTime}) it sent its last request.
   */
  private long awaitQuiet(ControllerProcess controller) {
    Quiet quiet =
        Eventually.await(
            Duration.ofMinutes(10),
            "the controller to go quiet (no request for "
                + QUIET.toSeconds()
                + " s, no Event queued)",
            () ->
                new Quiet(
                    Duration.between(audit.lastRequest(), Instant.now()),
                    controller.metric("axon_kubernetes_events_queued")),
            q -> q.sinceLastRequest().compareTo(QUIET) >= 0 && q.eventsQueued() == 0);
    return System.nanoTime() - quiet.sinceLastRequest().toNanos();
  }

  record Quiet(Duration sinceLastRequest, double eventsQueued) {}

  private ControllerProcess startController(String name) throws Exception {
    Path work = Files.createDirectories(plane.workDir().resolve("controller-" + name));
    int healthPort = freePort();
    String settings =
        """
        leaderElection: {enabled: false}
        health: {host: 127.0.0.1, port: %d}
        %s
        """
            .formatted(
                healthPort, options.workers > 0 ? "reconcileWorkers: " + options.workers : "");
    ControllerProcess controller =
        ControllerProcess.start(
            work,
            plane.kubeconfig(ControlPlane.CONTROLLER),
            benchPlugin(work),
            settings,
            healthPort,
            jvmFlags(work));
    long launched = System.nanoTime();
    controller.awaitReady(Duration.ofSeconds(120));
    double startToReady = (System.nanoTime() - launched) / 1e9;
    if (!name.equals("backlog")) {
      line("Controller JVM: JAVA_TOOL_OPTIONS=%s", controller.javaToolOptions);
    }
    line(
        "%s: controller start to ready:  %10.2f s (JVM start, initial lists)",
        name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1), startToReady);
    phase("%s: controller ready (pid %d)", name, controller.pid());
    return controller;
  }

  private List<String> jvmFlags(Path work) {
    List<String> flags = new ArrayList<>();
    if (options.nmt) {
      flags.add("-XX:NativeMemoryTracking=summary");
    }
    if (options.jfr) {
      // Outside the control plane's directory, which goes when the benchmark ends.
      Path recording = RepoPaths.root().resolve("core/target/" + work.getFileName() + ".jfr");
      flags.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
      line("JFR recording of the %s: %s", work.getFileName(), recording);
    }
    return flags;
  }

  private void await(String what, Map<String, Long> seen) {
    Eventually.await(Duration.ofMinutes(15), what, seen::size, n -> n >= options.tasks);
  }

  private Watch watchJobs(String namespace, Map<String, Long> seen) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Job job) {
                seen.putIfAbsent(job.getMetadata().getName(), System.nanoTime());
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private Watch watchDeleted(String namespace, Map<String, Long> seen) {
    return client
        .resources(Task.class)
        .inNamespace(namespace)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Task task) {
                if (action == Action.DELETED) {
                  seen.putIfAbsent(task.getMetadata().getName(), System.nanoTime());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private Watch watchSucceeded(String namespace, Map<String, Long> seen) {
    return client
        .resources(Task.class)
        .inNamespace(namespace)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Task task) {
                if (task.getStatus() != null
                    && task.getStatus().getPhase() == TaskPhase.Succeeded) {
                  seen.putIfAbsent(task.getMetadata().getName(), System.nanoTime());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  /** Runs {@code action(0..tasks-1)} on {@code threads} threads; returns the seconds it took. */
  private double timed(int threads, IntConsumer action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < options.tasks; i++) {
        int index = i;
        done.add(pool.submit(() -> action.accept(index)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  static Task benchTask(String namespace, int i) {
    Task task = Fixtures.task(namespace, name(i));
    task.getSpec().setType(BenchAgent.TYPE);
    return task;
  }

  /**
   * Classpath entries that make {@link BenchAgent} (from the test classes) a plugin of the
   * controller; only the classes the controller loads cost it anything.
   */
  static String benchPlugin(Path work) throws Exception {
    Path services = work.resolve("bench-plugin/META-INF/services/io.axon.spi.agent.AgentRuntime");
    Files.createDirectories(services.getParent());
    Files.writeString(services, BenchAgent.class.getName() + "\n");
    Path classes =
        Path.of(BenchAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return work.resolve("bench-plugin") + File.pathSeparator + classes;
  }

  static long latest(Map<String, Long> seen) {
    return seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static String name(int i) {
    return "task-%05d".formatted(i);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void line(String format, Object... args) {
    report.append(format.formatted(args)).append('\n');
  }

  /** A progress line that also goes in the report, with the machine's load. */
  private void phase(String format, Object... args) {
    String what = format.formatted(args);
    progress("%s (load average %s)", what, CpuUsage.loadAverage());
    line("-- %s, load average %s", what, CpuUsage.loadAverage());
  }

  private void progress(String format, Object... args) {
    System.out.printf(
        "[bench %6.1fs] %s%n", (System.nanoTime() - start) / 1e9, format.formatted(args));
  }

  record Options(
      int tasks,
      int nodes,
      int podsPerNode,
      int clients,
      int workers,
      boolean nmt,
      boolean jfr,
      boolean retention,
      int ttl) {
    static Options parse(String[] args) {
      Map<String, Integer> values = new HashMap<>();
      values.put("--tasks", 1000);
      values.put("--nodes", 3);
      values.put("--pods-per-node", 700);
      values.put("--clients", 16);
      values.put("--workers", 0);
      values.put("--nmt", 0);
      values.put("--jfr", 0);
      values.put("--retention", 0);
      values.put("--ttl", 10);
      for (int i = 0; i < args.length; i++) {
        if (!values.containsKey(args[i]) || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "Unknown or incomplete option " + args[i] + "; options: " + values.keySet());
        }
        values.put(args[i], Integer.parseInt(args[++i]));
      }
      Options o =
          new Options(
              values.get("--tasks"),
              values.get("--nodes"),
              values.get("--pods-per-node"),
              values.get("--clients"),
              values.get("--workers"),
              values.get("--nmt") != 0,
              values.get("--jfr") != 0,
              values.get("--retention") != 0,
              values.get("--ttl"));
      if ((long) o.nodes * o.podsPerNode < 2L * o.tasks) {
        throw new IllegalArgumentException(
            "Not enough pod capacity for 2 x "
                + o.tasks
                + " Tasks: "
                + o.nodes
                + " x "
                + o.podsPerNode);
      }
      return o;
    }
  }
}
