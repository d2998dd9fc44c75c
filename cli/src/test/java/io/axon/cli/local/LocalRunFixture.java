package io.axon.cli.local;

import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-process local run for the E2E tests: the runner as {@code axon run --local} builds it, its
 * output captured, and the kept workspace removed by {@link #close()}.
 */
final class LocalRunFixture implements AutoCloseable {

  private static final Pattern WORKSPACE = Pattern.compile("(?m)^Workspace: (/\\S+) ");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path workspace;

  /** Sandboxed claude-code options against the scripted server. */
  static LocalRunner.Options options(
      ScriptedAnthropicServer server, String prompt, Optional<String> workspace) {
    return LocalRunnerE2E.options(server, prompt, workspace);
  }

  int run(LocalRunner.Options options) {
    int status =
        new LocalRunner()
            .run(
                options,
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
                false);
    Matcher kept = WORKSPACE.matcher(output());
    if (kept.find()) {
      workspace = Path.of(kept.group(1));
    }
    return status;
  }

  String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The workspace the summary named, if it named one. */
  Optional<Path> workspace() {
    return Optional.ofNullable(workspace);
  }

  /** Options like {@code base} with other variables passed to the agent. */
  static LocalRunner.Options withPassEnv(LocalRunner.Options base, Map<String, String> passEnv) {
    return new LocalRunner.Options(
        base.type(),
        base.prompt(),
        base.model(),
        base.workspace(),
        base.ref(),
        base.credentialEnv(),
        passEnv,
        base.maxTurns(),
        base.sandbox());
  }

  /** Options like {@code base} with this credential. */
  static LocalRunner.Options withCredential(
      LocalRunner.Options base, Map<String, String> credentialEnv) {
    return new LocalRunner.Options(
        base.type(),
        base.prompt(),
        base.model(),
        base.workspace(),
        base.ref(),
        credentialEnv,
        base.passEnv(),
        base.maxTurns(),
        base.sandbox());
  }

  @Override
  public void close() {
    if (workspace != null) {
      new RunDirectory(workspace.getParent()).removeAll();
    }
  }
}
