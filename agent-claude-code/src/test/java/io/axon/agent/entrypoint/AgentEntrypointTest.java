package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.claudecode.StreamJsonReader;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entrypoint in-process, driving real child processes that replay real Claude Code transcripts
 * (the genuine CLI runs in {@code AgentEntrypointE2E}).
 */
class AgentEntrypointTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private GitRepo repo;
  private Path resultPath;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    repo = GitRepo.create(tmp.resolve("repo"));
    resultPath = tmp.resolve("out/result.json");
  }

  /**
   * A runtime whose "agent" is any command, read with the Claude Code reader, with or without an
   * instructions file.
   */
  private record CommandRuntime(
      Function<AgentInvocation, List<String>> argv, Optional<String> instructionsFile)
      implements AgentRuntime {
    CommandRuntime(Function<AgentInvocation, List<String>> argv) {
      this(argv, Optional.empty());
    }

    @Override
    public String type() {
      return "replay";
    }

    @Override
    public String defaultImage() {
      return "none";
    }

    @Override
    public String cliVersion() {
      return "0";
    }

    @Override
    public String credentialEnvVar(CredentialType type) {
      return "REPLAY_TOKEN";
    }

    @Override
    public AgentCommand command(AgentInvocation invocation) {
      return new AgentCommand(
          argv.apply(invocation), Map.of("REPLAY_FLAG", "1"), Map.of(".replay/config", "x=1"));
    }

    @Override
    public AgentOutputReader newOutputReader() {
      return new StreamJsonReader();
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AXON_AGENT_TYPE", "replay");
    env.put("AXON_PROMPT", "Open a pull request.");
    env.put("AXON_WORKSPACE_DIR", repo.dir().toString());
    env.put("AXON_RESULT_PATH", resultPath.toString());
    env.put("HOME", tmp.resolve("home").toString());
    return env;
  }

  private int run(Map<String, String> env, Function<AgentInvocation, List<String>> argv) {
    return new AgentEntrypoint(env, AgentRegistry.of(new CommandRuntime(argv)), stdout, stderr)
        .run();
  }

  private Path transcript(String name) throws Exception {
    Path file = tmp.resolve(name + ".jsonl");
    try (InputStream in = getClass().getResourceAsStream("/transcripts/" + name + ".jsonl")) {
      Files.copy(in, file);
    }
    return file;
  }

  private RunResult summary() throws Exception {
    return JSON.readValue(resultPath.toFile(), RunResult.class);
  }

  @Test
  void passesOutputThroughUnchangedAndSummarisesTheRunWithGitState() throws Exception {
    Path transcript = transcript("pr-url");
    int status = run(env(), invocation -> List.of("cat", transcript.toString()));
    assertThat(status).isZero();
    assertThat(stdout.toByteArray()).isEqualTo(Files.readAllBytes(transcript));
    RunResult summary = summary();
    assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(summary.turns()).isEqualTo(2);
    assertThat(summary.costUSD()).isEqualTo(0.0595608);
    assertThat(summary.message()).isEqualTo("PR created: https://github.com/acme/widgets/pull/123");
    assertThat(summary.pullRequestURL()).isEqualTo("https://github.com/acme/widgets/pull/123");
    assertThat(summary.branch()).isEqualTo("main");
    assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD")).hasSize(40);
    assertThat(tmp.resolve("home/.replay/config")).hasContent("x=1");
  }

  @Test
  void theAgentRunsInTheWorkspaceWithItsEnvironmentButNotOurInputs() throws Exception {
    Map<String, String> env = env();
    env.put("ANTHROPIC_API_KEY", "secret-for-the-agent");
    Path transcript = transcript("text-only");
    Path seen = tmp.resolve("seen.txt");
    String script =
        "{ pwd; env | grep -E '^(AXON_|REPLAY_FLAG|ANTHROPIC_API_KEY)' | sort; } > \"$1\";"
            + " cat \"$2\"";
    int status =
        run(
            env,
            invocation ->
                List.of("sh", "-c", script, "sh", seen.toString(), transcript.toString()));
    assertThat(status).isZero();
    assertThat(Files.readAllLines(seen))
        .containsExactly(
            repo.dir().toRealPath().toString(),
            "ANTHROPIC_API_KEY=secret-for-the-agent",
            "REPLAY_FLAG=1");
  }

  @Test
  void aFailedRunExitsOneWithTheAgentsReason() throws Exception {
    Path transcript = transcript("max-turns");
    assertThat(run(env(), invocation -> List.of("cat", transcript.toString()))).isEqualTo(1);
    RunResult summary = summary();
    assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    // The CLI's own turn limit is a limit's stop: reported as such, the work (none) saved.
    assertThat(summary.reason()).isEqualTo("limit_reached");
    assertThat(summary.limit()).isEqualTo("maxTurns");
    assertThat(summary.message())
        .startsWith("stopped at the limit maxTurns (")
        .endsWith("the agent had changed nothing, so there was no work to save");
    assertThat(summary.branch()).isEqualTo("main");
  }

  @Test
  void anAgentThatDiesWithoutAResultFailsWithItsLastErrors() throws Exception {
    int status =
        run(
            env(),
            invocation ->
                List.of("sh", "-c", "echo not json; echo first >&2; echo boom >&2; exit 3"));
    assertThat(status).isEqualTo(1);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("not json\n");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("first\nboom\n");
    RunResult summary = summary();
    assertThat(summary.reason()).isEqualTo("no_result");
    assertThat(summary.message())
        .isEqualTo("the agent exited with status 3 without reporting a result: first | boom");
  }

  @Test
  void theAgentsLastErrorsReachTheSummaryWithoutItsCredentialsAndCapped() throws Exception {
    Map<String, String> env = env();
    env.put("ANTHROPIC_API_KEY", "the-secret-for-the-agent");
    String script =
        "echo \"auth failed for $ANTHROPIC_API_KEY\" >&2;"
            + " echo 'retrying with sk-ant-oat01-abcdefghijkl' >&2;"
            + " head -c 3000 /dev/zero | tr '\\0' x >&2; exit 3";
    assertThat(run(env, invocation -> List.of("sh", "-c", script))).isEqualTo(1);
    RunResult summary = summary();
    assertThat(summary.message())
        .startsWith(
            "the agent exited with status 3 without reporting a result: auth failed for"
                + " [redacted] | retrying with [redacted] | xxx")
        .doesNotContain("the-secret-for-the-agent")
        .doesNotContain("sk-ant-")
        .hasSize(Redaction.MAX_LENGTH);
  }

  @Test
  void theAgentIsToldTheResultMarkerAfterTheInstructionsItsConfigsGaveAndThePromptStaysExact()
      throws Exception {
    Path instructions = tmp.resolve("home/.replay/INSTRUCTIONS.md");
    Files.createDirectories(instructions.getParent());
    Files.writeString(instructions, "Use British spelling.");
    Path transcript = transcript("text-only");
    AtomicReference<String> prompt = new AtomicReference<>();
    CommandRuntime runtime =
        new CommandRuntime(
            invocation -> {
              prompt.set(invocation.prompt());
              return List.of("cat", transcript.toString());
            },
            Optional.of(".replay/INSTRUCTIONS.md"));

    int status = new AgentEntrypoint(env(), AgentRegistry.of(runtime), stdout, stderr).run();

    assertThat(status).isZero();
    assertThat(prompt.get()).isEqualTo("Open a pull request.");
    assertThat(instructions)
        .hasContent("Use British spelling.\n\n" + ResultMarker.INSTRUCTIONS + "\n");

    // A second run in the same HOME does not say it twice.
    assertThat(new AgentEntrypoint(env(), AgentRegistry.of(runtime), stdout, stderr).run())
        .isZero();
    assertThat(instructions)
        .hasContent("Use British spelling.\n\n" + ResultMarker.INSTRUCTIONS + "\n");
  }

  @Test
  void aRuntimeWithoutAnInstructionsFileHasTheResultMarkerAfterItsPrompt() throws Exception {
    Path transcript = transcript("text-only");
    AtomicReference<String> prompt = new AtomicReference<>();
    int status =
        run(
            env(),
            invocation -> {
              prompt.set(invocation.prompt());
              return List.of("cat", transcript.toString());
            });
    assertThat(status).isZero();
    assertThat(prompt.get())
        .isEqualTo("Open a pull request.\n\n" + ResultMarker.INSTRUCTIONS + "\n");
  }

  @Test
  void anAgentThatCannotStartIsReported() throws Exception {
    assertThat(run(env(), invocation -> List.of("/nonexistent/agent-cli"))).isEqualTo(1);
    RunResult summary = summary();
    assertThat(summary.reason()).isEqualTo("agent_not_started");
    assertThat(summary.message()).startsWith("could not start /nonexistent/agent-cli: ");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .startsWith("axon-agent: error: could not start");
  }

  @Test
  void badConfigurationExitsTwoNamingTheVariable() throws Exception {
    Map<String, String> env = env();
    env.remove("AXON_PROMPT");
    assertThat(run(env, invocation -> List.of("true"))).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "axon-agent: error: AXON_PROMPT and AXON_PROMPT_FILE are not set, or the prompt is blank:"
                + " give the agent a task\n");
    assertThat(summary().reason()).isEqualTo("invalid_configuration");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void anUnknownAgentTypeListsTheInstalledOnes() throws Exception {
    Map<String, String> env = env();
    env.put("AXON_AGENT_TYPE", "codex");
    assertThat(run(env, invocation -> List.of("true"))).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "axon-agent: error: AXON_AGENT_TYPE=codex names no installed agent runtime"
                + " (installed: replay)\n");
  }
}
