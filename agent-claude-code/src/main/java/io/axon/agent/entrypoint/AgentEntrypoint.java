package io.axon.agent.entrypoint;

import io.axon.agent.entrypoint.EntrypointConfig.InvalidConfigurationException;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.RunResult;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent image's entrypoint, and the local runner's: starts the agent CLI of any installed
 * {@link AgentRuntime} (picked by {@code AXON_AGENT_TYPE}), passes its output through unchanged,
 * and writes a JSON {@link RunResult} summary to {@code AXON_RESULT_PATH} when it ends.
 *
 * <p>Inputs come only from the environment (see {@link EntrypointConfig}); the prompt goes to the
 * agent as its runtime asks (Claude Code: on standard input), never through a shell. Exit status: 0
 * when the agent succeeded, 1 when it failed, 2 on bad configuration; on SIGTERM the agent is
 * stopped and a failed summary is still written. A final message whose last line says {@code
 * AXON-RESULT: gave-up} or {@code needs-input} fails the run as such ({@link ResultMarker}). The
 * interface is described in {@code docs/agent-image-interface.md}.
 */
public final class AgentEntrypoint {

  private static final String LOG = "axon-agent: ";
  private static final int STDERR_TAIL_LINES = 5;
  private static final long STOP_GRACE_SECONDS = 10;

  private final Map<String, String> env;
  private final AgentRegistry registry;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final PrintStream log;

  /** From the pod's variables, then also from those the plugin adds (a Secret's escaped copy). */
  private Redaction redaction;

  private final CountDownLatch outputRead = new CountDownLatch(1);
  private final Object summaryLock = new Object();
  private volatile boolean stopping;
  private boolean readerStopped;
  private volatile boolean done;
  private boolean summaryWritten;

  AgentEntrypoint(
      Map<String, String> env, AgentRegistry registry, OutputStream stdout, OutputStream stderr) {
    this.env = env;
    this.registry = registry;
    this.stdout = stdout;
    this.stderr = stderr;
    this.log = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    this.redaction = Redaction.of(env);
  }

  public static void main(String[] args) {
    AgentEntrypoint entrypoint =
        new AgentEntrypoint(
            System.getenv(),
            AgentRegistry.load(),
            new FileOutputStream(FileDescriptor.out),
            new FileOutputStream(FileDescriptor.err));
    System.exit(entrypoint.run());
  }

  /** Runs the agent once; returns the exit status. */
  int run() {
    EntrypointConfig config;
    AgentRuntime runtime;
    List<McpServerConfig> mcpServers;
    try {
      requireUtf8Locale();
      config = EntrypointConfig.fromEnvironment(env);
      runtime =
          registry
              .find(config.agentType())
              .orElseThrow(
                  () ->
                      new InvalidConfigurationException(
                          "%s=%s names no installed agent runtime (installed: %s)"
                              .formatted(
                                  EntrypointConfig.AGENT_TYPE,
                                  config.agentType(),
                                  String.join(", ", registry.types()))));
      mcpServers = McpServersVariable.read(env, runtime);
    } catch (InvalidConfigurationException e) {
      log.println(LOG + "error: " + e.getMessage());
      EntrypointConfig.resultPath(env)
          .ifPresent(path -> writeSummary(path, failed("invalid_configuration", e.getMessage())));
      done = true;
      return 2;
    }
    RunResult result = runAgent(config, runtime, mcpServers);
    done = true;
    return result.succeeded() ? 0 : 1;
  }

  private RunResult runAgent(
      EntrypointConfig config, AgentRuntime runtime, List<McpServerConfig> mcpServers) {
    // The agent is told how to say it gave up: in its instructions file, else in its prompt.
    Optional<String> instructionsFile = runtime.instructionsFile();
    AgentInvocation invocation =
        new AgentInvocation(
            instructionsFile.isPresent()
                ? config.prompt()
                : config.prompt() + "\n\n" + ResultMarker.INSTRUCTIONS + "\n",
            config.model(),
            config.workspaceDir().toString(),
            config.maxTurns(),
            config.limits().maxCostUSD(),
            mcpServers);
    AgentCommand command;
    try {
      command = runtime.command(invocation);
    } catch (IllegalArgumentException e) {
      // A plugin refuses what its CLI cannot be given safely (an MCP value it would expand).
      log.println(LOG + "error: " + e.getMessage());
      return finish(
          config, failed("invalid_configuration", e.getMessage()), new PullRequestLinks());
    }
    if (!command.env().isEmpty()) {
      Map<String, String> all = new java.util.HashMap<>(env);
      all.putAll(command.env());
      redaction = Redaction.of(all);
    }
    AgentOutputReader reader = runtime.newOutputReader(invocation);
    Optional<TaskBranch> branch = TaskBranch.of(env, config.workspaceDir(), RunGuard.PUSH_TIMEOUT);
    if (branch.isPresent()) {
      try {
        log.println(LOG + branch.get().checkOut());
      } catch (IOException e) {
        log.println(LOG + "error: " + e.getMessage());
        return finish(config, failed("CloneFailed", e.getMessage()), new PullRequestLinks());
      }
    }
    RunGuard guard = new RunGuard(config, log);
    PullRequestLinks links = new PullRequestLinks();
    SummaryJson.warmUp();
    Process agent;
    try {
      writeHomeFiles(command.homeFiles());
      if (instructionsFile.isPresent()) {
        appendInstructions(instructionsFile.get());
      }
      agent = start(command, config.workspaceDir());
      guard.started(agent);
    } catch (IOException e) {
      String message = "could not start " + command.argv().get(0) + ": " + e.getMessage();
      log.println(LOG + "error: " + message);
      return finish(config, failed("agent_not_started", message), links);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(agent, reader, config, links, guard), "axon-agent-stop"));

    Deque<String> stderrTail = new ArrayDeque<>();
    Thread stderrPump =
        new Thread(
            () -> {
              try {
                OutputPump.copy(
                    agent.getErrorStream(),
                    stderr,
                    line -> {
                      synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_TAIL_LINES) {
                          stderrTail.removeFirst();
                        }
                      }
                    });
              } catch (IOException e) {
                // the agent is gone; nothing more to copy
              }
            },
            "axon-agent-stderr");
    stderrPump.start();
    try {
      OutputPump.copy(
          agent.getInputStream(),
          stdout,
          line -> {
            links.scan(line);
            try {
              guard.observe(reader.read(line));
              if (reader.stopRequested()) {
                // The reader ended the run (a turn limit its CLI lacks): its result says why.
                stopAgent(agent);
              }
            } catch (RuntimeException e) {
              // A plugin's reader must not throw; if one does, the line is still passed on.
            }
          });
    } catch (IOException e) {
      log.println(LOG + "error: lost the agent's output: " + e.getMessage());
    } finally {
      outputRead.countDown();
    }
    int exit = waitFor(agent);
    guard.ended();
    joinQuietly(stderrPump);
    if (stopping) {
      // The shutdown hook writes the summary; the JVM is already on its way out.
      return failed("terminated", "stopped");
    }
    RunResult result =
        reader
            .result()
            .map(ResultMarker::apply)
            .orElseGet(
                () -> {
                  String why =
                      "the agent exited with status " + exit + " without reporting a result";
                  synchronized (stderrTail) {
                    if (!stderrTail.isEmpty()) {
                      why += ": " + String.join(" | ", stderrTail);
                    }
                  }
                  return failed("no_result", why);
                });
    RunResult ended = guard.limitReached(reader.result().orElse(null)).orElse(result);
    if (branch.isPresent()) {
      ended = published(ended, branch.get().publish());
    }
    return finish(config, ended, links);
  }

  /** A run whose commits could not reach the Task's branch on origin did not succeed. */
  private RunResult published(RunResult result, TaskBranch.Published published) {
    log.println(LOG + (published.failed() ? "error: " : "") + published.detail());
    if (!published.failed() || !result.succeeded()) {
      return result;
    }
    return new RunResult(
        RunResult.Outcome.FAILED,
        TaskBranch.authFailure(published.detail()) ? "GitAuthFailed" : "push_failed",
        "the agent succeeded, but " + published.detail(),
        result.turns(),
        result.costUSD(),
        result.inputTokens(),
        result.outputTokens(),
        result.durationMillis(),
        result.model(),
        result.branch(),
        result.commit(),
        result.pullRequestURL(),
        result.limit(),
        result.wipBranch());
  }

  private Process start(AgentCommand command, Path workspace) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(workspace.toFile());
    if (command.stdin().isEmpty()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    // The agent gets our environment (its credential, HOME, PATH...) but not our own inputs.
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().keySet().removeIf(name -> name.startsWith("AXON_"));
    builder.environment().putAll(command.env());
    Process agent = builder.start();
    command.stdin().ifPresent(input -> feed(agent, input));
    return agent;
  }

  /** Writes the input on a thread of its own: a long one fills the pipe before the agent reads. */
  private void feed(Process agent, String input) {
    Thread feeder =
        new Thread(
            () -> {
              try (OutputStream in = agent.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                if (agent.isAlive()) {
                  log.println(LOG + "error: could not hand the agent its input: " + e.getMessage());
                }
              }
            },
            "axon-agent-stdin");
    feeder.setDaemon(true);
    feeder.start();
  }

  /** Stops the agent and what it started, once; its output ends and the run is read as usual. */
  private void stopAgent(Process agent) {
    if (!agent.isAlive() || readerStopped) {
      return;
    }
    readerStopped = true;
    List<ProcessHandle> descendants = agent.descendants().toList();
    agent.destroy();
    descendants.forEach(ProcessHandle::destroy);
    java.util.concurrent.CompletableFuture.runAsync(
        () -> {
          agent.destroyForcibly();
          descendants.stream()
              .filter(ProcessHandle::isAlive)
              .forEach(ProcessHandle::destroyForcibly);
        },
        java.util.concurrent.CompletableFuture.delayedExecutor(
            STOP_GRACE_SECONDS, TimeUnit.SECONDS));
  }

  /** On SIGTERM (or SIGINT): stop the agent, then still report how the run ended. */
  private void stop(
      Process agent,
      AgentOutputReader reader,
      EntrypointConfig config,
      PullRequestLinks links,
      RunGuard guard) {
    if (done) {
      return;
    }
    stopping = true;
    List<ProcessHandle> descendants = agent.descendants().toList();
    agent.destroy();
    try {
      if (!agent.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
      LeftoverProcesses.kill(descendants);
      boolean read = outputRead.await(5, TimeUnit.SECONDS);
      RunResult partial = read ? reader.result().orElse(null) : null;
      finish(config, guard.saveOnSignal(terminated(partial)), links);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private RunResult finish(EntrypointConfig config, RunResult result, PullRequestLinks links) {
    GitState git = GitState.of(config.workspaceDir());
    // A result that names a branch (where a limit's stop saved the work) keeps it.
    RunResult summary =
        result.branch() != null
            ? result.withGit(result.branch(), result.commit(), links.last().orElse(null))
            : result.withGit(
                git.branch().orElse(null), git.commit().orElse(null), links.last().orElse(null));
    writeSummary(config.resultPath(), summary);
    return summary;
  }

  /**
   * Writes the summary, its message without credentials: it becomes the Task's status message, its
   * Events and the bridge's messages, and it may quote the agent's standard error.
   */
  private void writeSummary(Path path, RunResult result) {
    RunResult summary = redacted(result);
    synchronized (summaryLock) {
      if (summaryWritten) {
        return;
      }
      summaryWritten = true;
      try {
        if (path.getParent() != null) {
          Files.createDirectories(path.getParent());
        }
        Files.write(path, SummaryJson.toJson(summary, SummaryJson.TERMINATION_MESSAGE_LIMIT));
      } catch (IOException | RuntimeException e) {
        log.println(LOG + "error: could not write the summary to " + path + ": " + e.getMessage());
      }
    }
  }

  private RunResult redacted(RunResult r) {
    return r.withMessage(redaction.apply(r.message()));
  }

  private void writeHomeFiles(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = homeFile(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }

  /** After what the Task's AgentConfigs wrote there (the setup step), or alone; once per HOME. */
  private void appendInstructions(String file) throws IOException {
    Path target = homeFile(file);
    Files.createDirectories(target.getParent());
    byte[] before = Files.exists(target) ? Files.readAllBytes(target) : new byte[0];
    if (new String(before, StandardCharsets.UTF_8).contains(ResultMarker.INSTRUCTIONS)) {
      return; // a HOME used again
    }
    String separator = before.length == 0 ? "" : before[before.length - 1] == '\n' ? "\n" : "\n\n";
    Files.writeString(
        target,
        separator + ResultMarker.INSTRUCTIONS + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private Path homeFile(String file) throws IOException {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path target = home.resolve(file).normalize();
    if (!target.startsWith(home)) {
      throw new IOException("home file " + file + " lies outside HOME");
    }
    return target;
  }

  /**
   * Java decodes the environment and encodes argv in the locale's charset: without a UTF-8 locale a
   * non-ASCII prompt would reach the agent as question marks.
   */
  private static void requireUtf8Locale() throws InvalidConfigurationException {
    String charset = System.getProperty("sun.jnu.encoding", "");
    if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
      throw new InvalidConfigurationException(
          "the locale's charset is "
              + charset
              + ", not UTF-8: set LANG=C.UTF-8 so the prompt reaches the agent byte-exact");
    }
  }

  private static RunResult failed(String reason, String message) {
    return new RunResult(
        RunResult.Outcome.FAILED,
        reason,
        message,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A stopped run failed, whatever the agent said so far; its figures are kept. */
  private static RunResult terminated(RunResult partial) {
    String message = "the agent was stopped by a signal before it finished";
    if (partial == null) {
      return failed("terminated", message);
    }
    return new RunResult(
        RunResult.Outcome.FAILED,
        "terminated",
        message,
        partial.turns(),
        partial.costUSD(),
        partial.inputTokens(),
        partial.outputTokens(),
        partial.durationMillis(),
        partial.model(),
        null,
        null,
        null);
  }

  private static int waitFor(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the summary needs the agent's end
      }
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
