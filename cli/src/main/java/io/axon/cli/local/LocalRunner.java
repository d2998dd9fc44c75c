package io.axon.cli.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.client.render.AgentLogRenderer;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.RunResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an agent on this machine, without a cluster: clones the workspace into a fresh directory,
 * installs the agent type's pinned CLI on first use, and runs the same entrypoint the agent image
 * runs inside a bubblewrap sandbox, rendering its output as {@code axon logs} does.
 *
 * <p>Exit status: 0 when the agent succeeded, 1 when it failed or reached its timeout, 2 when the
 * run could not be set up (unknown agent type, no bubblewrap, a clone that failed). However the run
 * ends, Ctrl-C included, only a workspace with work in it is kept, and its path is printed.
 */
public final class LocalRunner {

  /**
   * One local run.
   *
   * @param type the agent type, for example {@code claude-code}
   * @param prompt the task, passed byte-exact
   * @param model the model, or the agent's default
   * @param workspace a git URL or local repository path to clone; empty for a fresh empty
   *     repository
   * @param ref the branch, tag or commit to check out after cloning
   * @param credentialEnv the agent's credential, by variable name (e.g. {@code ANTHROPIC_API_KEY})
   * @param passEnv further variables for the agent (e.g. {@code ANTHROPIC_BASE_URL})
   * @param maxTurns an upper bound on agent turns
   * @param sandbox whether to confine the agent with bubblewrap (strongly advised)
   * @param allowHosts {@code HOST[:PORT]} the sandbox may reach besides the model API and the
   *     workspace's git host
   * @param timeout how long the run may take before it is stopped
   */
  public record Options(
      String type,
      String prompt,
      Optional<String> model,
      Optional<String> workspace,
      Optional<String> ref,
      Map<String, String> credentialEnv,
      Map<String, String> passEnv,
      Optional<Integer> maxTurns,
      boolean sandbox,
      List<String> allowHosts,
      Duration timeout) {

    /** The default of {@code --timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Options(
        String type,
        String prompt,
        Optional<String> model,
        Optional<String> workspace,
        Optional<String> ref,
        Map<String, String> credentialEnv,
        Map<String, String> passEnv,
        Optional<Integer> maxTurns,
        boolean sandbox) {
      this(
          type,
          prompt,
          model,
          workspace,
          ref,
          credentialEnv,
          passEnv,
          maxTurns,
          sandbox,
          List.of(),
          DEFAULT_TIMEOUT);
    }

    /** These options with the sandbox's network allowance and time limit. */
    public Options withLimits(List<String> allowHosts, Duration timeout) {
      return new Options(
          type,
          prompt,
          model,
          workspace,
          ref,
          credentialEnv,
          passEnv,
          maxTurns,
          sandbox,
          allowHosts,
          timeout);
    }

    /** These options with more of the entrypoint's variables (the run's limits). */
    public Options withEntrypointEnv(Map<String, String> env) {
      Map<String, String> more = new LinkedHashMap<>(passEnv);
      more.putAll(env);
      return new Options(
          type,
          prompt,
          model,
          workspace,
          ref,
          credentialEnv,
          more,
          maxTurns,
          sandbox,
          allowHosts,
          timeout);
    }

    /**
     * These options with the branch the agent works on: checked out here after the clone (origin's
     * when it has one, else new from the ref), kept by the entrypoint as a pod's is ({@code
     * AXON_BRANCH}), and not pushed: a local run never writes to the repository it cloned.
     */
    public Options withBranch(String branch) {
      return withEntrypointEnv(Map.of(BRANCH_ENV, branch, BRANCH_PUSH_ENV, "false"));
    }

    /** The branch the agent works on, when {@link #withBranch} named one. */
    public Optional<String> branch() {
      return Optional.ofNullable(passEnv.get(BRANCH_ENV));
    }

    public Options {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(prompt, "prompt");
      model = Objects.requireNonNullElse(model, Optional.empty());
      workspace = Objects.requireNonNullElse(workspace, Optional.empty());
      ref = Objects.requireNonNullElse(ref, Optional.empty());
      credentialEnv = Map.copyOf(Objects.requireNonNullElse(credentialEnv, Map.of()));
      passEnv = Map.copyOf(Objects.requireNonNullElse(passEnv, Map.of()));
      maxTurns = Objects.requireNonNullElse(maxTurns, Optional.empty());
      allowHosts = List.copyOf(Objects.requireNonNullElse(allowHosts, List.of()));
      timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
    }
  }

  static final String BRANCH_ENV = "AXON_BRANCH";
  static final String BRANCH_PUSH_ENV = "AXON_BRANCH_PUSH";

  static final String NO_BWRAP =
      "error: bubblewrap is not installed: apt-get install bubblewrap"
          + " (or pass --no-sandbox to run unsandboxed)";
  static final String NO_SANDBOX_WARNING =
      "warning: running the agent WITHOUT a sandbox: it can read and change everything your user"
          + " can, on this machine and on the network";
  private static final String SYSTEM_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentRegistry registry;
  private final Path cacheDir;
  private final String hostPath;

  private volatile Process agent;
  private volatile RunDirectory runDirectory;
  private volatile PrintWriter messages;
  private volatile boolean stopped;
  private boolean verbose;
  private volatile String limitReached;
  private volatile ResourceLimits limits;
  private final int maxProcesses;
  private final long memoryBytes;

  /** A runner with the agent plugins on the class path and Axon's cache ({@code ~/.cache/axon}). */
  public LocalRunner() {
    this(AgentRegistry.load(), defaultCacheDir(), System.getenv("PATH"));
  }

  LocalRunner(AgentRegistry registry, Path cacheDir, String hostPath) {
    this(
        registry,
        cacheDir,
        hostPath,
        ResourceLimits.DEFAULT_MAX_PROCESSES,
        ResourceLimits.DEFAULT_MEMORY_BYTES);
  }

  LocalRunner(
      AgentRegistry registry, Path cacheDir, String hostPath, int maxProcesses, long memoryBytes) {
    this.registry = registry;
    this.cacheDir = cacheDir;
    this.hostPath = hostPath;
    this.maxProcesses = maxProcesses;
    this.memoryBytes = memoryBytes;
  }

  /** {@code $AXON_CACHE_DIR}, else {@code ~/.cache/axon}, as the agent CLI install scripts use. */
  static Path defaultCacheDir() {
    String dir = System.getenv("AXON_CACHE_DIR");
    return dir != null && !dir.isBlank()
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "axon");
  }

  /** Runs the agent and returns the exit status (0 succeeded, 1 failed, 2 not set up). */
  /** Shows every line of a command the agent runs, not just the first. */
  public LocalRunner verbose(boolean verbose) {
    this.verbose = verbose;
    return this;
  }

  public int run(Options options, PrintWriter out, PrintWriter err, boolean color) {
    Optional<AgentRuntime> runtime = registry.find(options.type());
    if (runtime.isEmpty()) {
      err.println(
          "error: unknown agent type '%s' (installed: %s)"
              .formatted(options.type(), String.join(", ", registry.types())));
      return 2;
    }
    if (options.prompt().isBlank()) {
      err.println("error: the prompt is empty: say what the agent should do");
      return 2;
    }
    if (options.timeout().isNegative() || options.timeout().isZero()) {
      err.println("error: --timeout must be longer than zero, for example --timeout 30m");
      return 2;
    }
    Set<EgressAllowlist.HostPort> allowHosts = new LinkedHashSet<>();
    for (String host : options.allowHosts()) {
      EgressAllowlist.HostPort parsed = EgressAllowlist.HostPort.parse(host, 443);
      if (parsed == null) {
        err.println(
            "error: --allow-host '%s' is not HOST[:PORT], for example --allow-host pypi.org:443"
                .formatted(host));
        return 2;
      }
      allowHosts.add(parsed);
    }
    Optional<Path> bwrap = Bubblewrap.find(hostPath);
    if (options.sandbox() && bwrap.isEmpty()) {
      err.println(NO_BWRAP);
      return 2;
    }
    if (!options.sandbox()) {
      err.println(NO_SANDBOX_WARNING);
    }
    messages = err;
    RunDirectory.tidyAbandoned(cacheDir);
    Thread onCtrlC = new Thread(this::stop, "axon-local-run-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      runDirectory = RunDirectory.create(cacheDir);
      // The sandbox holds a per-run token, never the real credential (docs/security.md).
      try (LocalGateway gateway = LocalGateway.forRun(options, runtime.get().modelApi())) {
        return runIn(
            runDirectory,
            gateway.agentOptions(),
            gateway.servesGit(),
            allowHosts,
            runtime.get(),
            bwrap,
            out,
            err,
            color);
      }
    } catch (IOException e) {
      if (!stopped) {
        err.println("error: " + e.getMessage());
      }
      if (runDirectory != null) {
        runDirectory.removeAll();
      }
      return 2;
    } finally {
      if (!stopped) {
        try {
          Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down; the hook runs
        }
      }
    }
  }

  private int runIn(
      RunDirectory run,
      Options options,
      boolean gitThroughGateway,
      Set<EgressAllowlist.HostPort> allowHosts,
      AgentRuntime runtime,
      Optional<Path> bwrap,
      PrintWriter out,
      PrintWriter err,
      boolean color)
      throws IOException {
    warmUpSummaryReading();
    // Independent steps side by side: they are most of what a local run adds to the agent's time.
    CompletableFuture<Path> install =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new AgentCliInstaller(cacheDir).install(options.type(), err);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    CompletableFuture<List<Path>> classpathLookup =
        CompletableFuture.supplyAsync(EntrypointClasspath::current);
    prepareWorkspace(run, options, err);
    run.markStarted();
    Map<String, String> gitIdentity = writeGitIdentity(run);
    Path cli;
    try {
      cli = install.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e);
    }
    List<Path> classpath = classpathLookup.join();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> entrypoint = new ArrayList<>();
    entrypoint.addAll(
        List.of(
            java.toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            // JVM warnings go to stdout by default; stdout is the agent's event stream.
            "-Xlog:disable",
            "-Xlog:all=warning:stderr"));
    entrypoint.add("-cp");
    entrypoint.add(String.join(":", classpath.stream().map(Path::toString).toList()));

    Map<String, String> env = agentEnvironment(options, run, cli);
    env.putAll(gitIdentity);
    if (!options.sandbox()) {
      entrypoint.add(EntrypointClasspath.MAIN_CLASS);
      return supervise(run, options, runtime, entrypoint, env, null, out, err, color);
    }
    SandboxNetwork network =
        SandboxNetwork.plan(options, allowHosts, runtime.modelApi(), gitThroughGateway);
    env.putAll(network.proxyEnvironment());
    entrypoint.add(SandboxMain.class.getName());
    entrypoint.addAll(network.forwarderArguments());
    Set<Path> readOnly = new LinkedHashSet<>();
    readOnly.add(Path.of(System.getProperty("java.home")));
    readOnly.addAll(classpath);
    readOnly.add(
        cli.startsWith(cacheDir) ? new AgentCliInstaller(cacheDir).agentsDir() : cli.getParent());
    List<String> sandboxed =
        Bubblewrap.command(
            bwrap.orElseThrow(), run, readOnly, run.egressSocket().getParent(), entrypoint);
    EgressProxy proxy;
    try {
      proxy = EgressProxy.start(run.egressSocket(), network.allowlist());
    } catch (Exception e) {
      throw new IOException("could not start the sandbox's network proxy: " + e.getMessage(), e);
    }
    try {
      limits =
          ResourceLimits.create(run.root().getFileName().toString(), maxProcesses, memoryBytes);
      List<String> argv = limits.wrap(sandboxed);
      return supervise(run, options, runtime, argv, env, limits, out, err, color);
    } finally {
      proxy.close();
      if (limits != null) {
        limits.close();
      }
    }
  }

  private int supervise(
      RunDirectory run,
      Options options,
      AgentRuntime runtime,
      List<String> argv,
      Map<String, String> env,
      ResourceLimits limits,
      PrintWriter out,
      PrintWriter err,
      boolean color)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(run.workspace().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    // By file, as in a pod: Linux refuses an environment variable over 128 KiB.
    Files.writeString(run.promptFile(), options.prompt(), StandardCharsets.UTF_8);
    builder.environment().putAll(env);
    synchronized (this) {
      if (stopped) {
        return 130;
      }
      agent = builder.start();
    }
    Thread stderr =
        new Thread(
            () -> {
              try {
                ChildOutput.copy(agent.getErrorStream(), err);
              } catch (IOException e) {
                // the agent is gone
              }
            },
            "axon-local-run-stderr");
    stderr.start();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "axon-local-run-timeout");
              thread.setDaemon(true);
              return thread;
            });
    timer.schedule(
        () -> {
          limitReached = "its --timeout of " + spelled(options.timeout());
          end(agent);
        },
        options.timeout().toMillis(),
        TimeUnit.MILLISECONDS);

    // A reader that knows the run's model: some CLIs (codex) do not print it.
    AgentLogRenderer renderer =
        new AgentLogRenderer(
            runtime.newOutputReader(
                new AgentInvocation(
                    options.prompt(),
                    options.model(),
                    run.workspace().toString(),
                    options.maxTurns())),
            color,
            verbose);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        renderer.render(line).forEach(out::println);
      }
    } catch (IOException e) {
      if (!stopped && limitReached == null) {
        err.println("error: lost the agent's output: " + e.getMessage());
      }
    }
    int exit = waitFor(agent);
    timer.shutdownNow();
    try {
      stderr.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopped) {
      return 130;
    }
    Optional<String> reached = limits == null ? Optional.empty() : limits.reached();
    reached.ifPresent(
        limit ->
            err.println(
                "warning: the run reached "
                    + limit
                    + ": what the agent started beyond it was refused or killed"));
    if (limitReached != null) {
      err.println("error: the run was stopped: it reached " + limitReached + "; " + keep(run));
      return 1;
    }
    Optional<RunResult> summary = readSummary(run);
    if (summary.isEmpty()) {
      err.println(
          "error: the agent ended (exit %d) without a summary; %s".formatted(exit, keep(run)));
      return 1;
    }
    SummaryPrinter.print(
        summary.get(), run.tidy() ? Optional.of(run.workspace()) : Optional.empty(), out);
    if (exit == 2) {
      return 2; // the entrypoint refused its configuration; the summary says why
    }
    return summary.get().succeeded() ? 0 : 1;
  }

  /**
   * Removes all of the run but a workspace with work in it; says which, in a phrase that finishes a
   * sentence.
   */
  private static String keep(RunDirectory run) {
    return run.tidy()
        ? "its workspace is kept: " + run.workspace()
        : "no workspace is kept: the agent changed nothing in it";
  }

  private void prepareWorkspace(RunDirectory run, Options options, PrintWriter err)
      throws IOException {
    Path dir = run.workspace();
    if (options.workspace().isEmpty()) {
      Git.run(dir, "init", "--quiet", "--initial-branch=main");
      checkOutBranch(dir, options);
      return;
    }
    WorkspaceSource source = WorkspaceSource.parse(options.workspace().get());
    err.println("Cloning " + source.shown() + " ...");
    try {
      List<String> clone = new ArrayList<>(List.of("clone", "--quiet"));
      if (source.local()) {
        // Through git's transport, not hard links or alternates: the agent owns the clone's
        // files, and a linked object it changed would corrupt the user's own repository.
        clone.add("--no-local");
      }
      clone.addAll(List.of("--", source.location(), dir.toString()));
      Git.run(run.root(), clone.toArray(String[]::new));
      if (options.ref().isPresent()) {
        // No ref starts with "-" (git check-ref-format), so none is taken for an option; the
        // trailing "--" keeps it from being taken for a path.
        if (options.ref().get().startsWith("-")) {
          throw new Git.GitException(
              "'" + options.ref().get() + "' is not a branch, tag or commit");
        }
        Git.run(dir, "checkout", "--quiet", options.ref().get(), "--");
      }
      checkOutBranch(dir, options);
    } catch (Git.GitException e) {
      throw new IOException(
          "could not clone "
              + source.shown()
              + options.ref().map(r -> " at " + r).orElse("")
              + ": "
              + WorkspaceSource.redact(e.getMessage()));
    }
  }

  /**
   * Puts the clone on the run's branch here, where origin is reachable (the sandbox may not reach
   * it): origin's branch when the clone has it, else a new one from what is checked out.
   */
  private static void checkOutBranch(Path dir, Options options) throws IOException {
    if (options.branch().isEmpty()) {
      return;
    }
    String branch = options.branch().get();
    try {
      Git.run(dir, "check-ref-format", "--branch", branch);
    } catch (Git.GitException e) {
      throw new IOException("--branch " + branch + " is not a git branch name");
    }
    boolean onOrigin;
    try {
      Git.run(dir, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/" + branch);
      onOrigin = true;
    } catch (Git.GitException e) {
      onOrigin = false;
    }
    if (onOrigin) {
      Git.run(dir, "checkout", "--quiet", "-B", branch, "refs/remotes/origin/" + branch, "--");
    } else {
      Git.run(dir, "checkout", "--quiet", "-b", branch, "--");
    }
  }

  /**
   * The agent commits as the invoking user, as a pod's agent would with the Task's settings: in
   * HOME's git config, and in the variables an image sets (some CLIs, gemini's, hide the global git
   * config from the commands they run).
   */
  private static Map<String, String> writeGitIdentity(RunDirectory run) throws IOException {
    Map<String, String> identity = Git.configs(run.root(), "^user\\.(name|email)$");
    String name = identity.getOrDefault("user.name", "Axon Agent");
    String email = identity.getOrDefault("user.email", "axon-agent@localhost");
    Files.writeString(
        run.home().resolve(".gitconfig"),
        "[user]\n\tname = " + name + "\n\temail = " + email + "\n");
    return Map.of(
        "GIT_AUTHOR_NAME", name,
        "GIT_AUTHOR_EMAIL", email,
        "GIT_COMMITTER_NAME", name,
        "GIT_COMMITTER_EMAIL", email);
  }

  /** Exactly what the agent sees: nothing of ours but PATH and locale, plus what it needs. */
  private Map<String, String> agentEnvironment(Options options, RunDirectory run, Path cli) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", cli.getParent() + ":" + SYSTEM_PATH);
    env.put("HOME", run.home().toString());
    env.put("LANG", "C.UTF-8");
    env.putAll(options.passEnv());
    env.putAll(options.credentialEnv());
    env.put("AXON_AGENT_TYPE", options.type());
    env.put("AXON_PROMPT_FILE", run.promptFile().toString());
    options.model().ifPresent(model -> env.put("AXON_MODEL", model));
    options.maxTurns().ifPresent(turns -> env.put("AXON_MAX_TURNS", Integer.toString(turns)));
    env.put("AXON_WORKSPACE_DIR", run.workspace().toString());
    env.put("AXON_RESULT_PATH", run.resultFile().toString());
    return env;
  }

  /** Jackson's first record deserialization is slow; do it while the agent works. */
  private static void warmUpSummaryReading() {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                JSON.readValue("{\"outcome\":\"Succeeded\",\"turns\":1}", RunResult.class);
              } catch (IOException e) {
                // only a warm-up
              }
            },
            "axon-local-run-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  private static Optional<RunResult> readSummary(RunDirectory run) {
    try {
      return Optional.of(JSON.readValue(run.resultFile().toFile(), RunResult.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Ctrl-C (also the shutdown hook): stops the agent, keeps its workspace if it holds work and says
   * where, as a normal end does. A second Ctrl-C meanwhile leaves the run as it is and says where.
   */
  void stop() {
    Process running;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      running = agent;
    }
    RunDirectory tidying = runDirectory;
    PrintWriter said = messages;
    if (tidying != null && said != null) {
      // Before saying so: a second Ctrl-C right after the message must already abort.
      SecondSignal.abortWith(() -> leftAsItIs(tidying, said));
      said.println();
      said.println("Stopping the agent and tidying up (Ctrl-C again to leave everything as it is)");
      said.flush();
    }
    if (running != null) {
      end(running);
    }
    ResourceLimits held = limits;
    if (held != null) {
      held.close();
    }
    RunDirectory run = runDirectory;
    if (run != null) {
      String kept = keep(run);
      PrintWriter err = messages;
      if (err != null) {
        err.println();
        err.println("Stopped; " + kept);
        err.flush();
      }
    }
  }

  /** A second Ctrl-C: what tidying had not done yet stays, and where. */
  private static void leftAsItIs(RunDirectory run, PrintWriter err) {
    err.println();
    err.println(
        ("Stopped without tidying up: the run is left as it was in %s (its workspace: %s);"
                + " `axon local clean` or the next `axon run --local` tidies it")
            .formatted(run.root(), run.workspace()));
    err.flush();
  }

  /** Ends the agent and everything it started, politely first. */
  private static void end(Process running) {
    List<ProcessHandle> descendants = running.descendants().toList();
    running.destroy();
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        running.destroyForcibly();
        running.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** 30m, 90s, 1h30m: as the flag is written. */
  static String spelled(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }

  private static int waitFor(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // keep waiting; stop() ends the process when asked
      }
    }
  }
}
