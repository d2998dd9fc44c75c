package io.axon.agent.entrypoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the entrypoint is asked to do, read from the environment only (the pod spec and the local
 * runner set these variables; nothing is passed as arguments, so nothing goes through a shell).
 *
 * @param agentType {@code AXON_AGENT_TYPE}: the agent runtime, for example {@code claude-code}
 * @param prompt the task, byte-exact: the content of the file {@code AXON_PROMPT_FILE} names (how a
 *     pod and the local runner pass it, since Linux refuses a variable over 128 KiB), else {@code
 *     AXON_PROMPT}
 * @param model {@code AXON_MODEL}: optional
 * @param maxTurns {@code AXON_MAX_TURNS}: optional, a positive number
 * @param workspaceDir {@code AXON_WORKSPACE_DIR}: the agent's working directory
 * @param resultPath {@code AXON_RESULT_PATH}: where the JSON summary goes ({@code
 *     /dev/termination-log} in a pod)
 * @param limits what the run is held to while it runs ({@link RunLimits} names the variables)
 * @param wipBranch where a stopped run's work is saved: {@code AXON_WIP_BRANCH}, else {@code
 *     axon/<AXON_TASK_NAME>-wip}, else {@code axon/wip}
 */
record EntrypointConfig(
    String agentType,
    String prompt,
    Optional<String> model,
    Optional<Integer> maxTurns,
    Path workspaceDir,
    Path resultPath,
    RunLimits limits,
    String wipBranch) {

  static final String AGENT_TYPE = "AXON_AGENT_TYPE";
  static final String PROMPT = "AXON_PROMPT";
  static final String PROMPT_FILE = "AXON_PROMPT_FILE";
  static final String MODEL = "AXON_MODEL";
  static final String MAX_TURNS = "AXON_MAX_TURNS";
  static final String WORKSPACE_DIR = "AXON_WORKSPACE_DIR";
  static final String RESULT_PATH = "AXON_RESULT_PATH";
  static final String MAX_COST_USD = "AXON_MAX_COST_USD";
  static final String MAX_DURATION_SECONDS = "AXON_MAX_DURATION_SECONDS";
  static final String MAX_OUTPUT_TOKENS = "AXON_MAX_OUTPUT_TOKENS";
  static final String DEADLINE_SECONDS = "AXON_DEADLINE_SECONDS";
  static final String TASK_NAME = "AXON_TASK_NAME";
  static final String WIP_BRANCH = "AXON_WIP_BRANCH";

  /** A variable is missing or wrong; the message names it and says what is expected. */
  static final class InvalidConfigurationException extends Exception {
    InvalidConfigurationException(String message) {
      super(message);
    }
  }

  /** Where to write the summary, when known, so even a configuration error reaches the Task. */
  static Optional<Path> resultPath(Map<String, String> env) {
    return optional(env, RESULT_PATH).map(Path::of);
  }

  static EntrypointConfig fromEnvironment(Map<String, String> env)
      throws InvalidConfigurationException {
    try {
      return read(env);
    } catch (Invalid e) {
      throw new InvalidConfigurationException(e.getMessage());
    }
  }

  private static EntrypointConfig read(Map<String, String> env)
      throws InvalidConfigurationException {
    Path resultPath = Path.of(required(env, RESULT_PATH));
    String agentType = required(env, AGENT_TYPE);
    String prompt = prompt(env);
    Path workspace = Path.of(required(env, WORKSPACE_DIR));
    if (!Files.isDirectory(workspace)) {
      throw new InvalidConfigurationException(
          WORKSPACE_DIR + "=" + workspace + " is not a directory");
    }
    Optional<Integer> maxTurns = optional(env, MAX_TURNS).map(EntrypointConfig::positive);
    if (maxTurns.isPresent() && maxTurns.get() < 1) {
      throw new InvalidConfigurationException(
          MAX_TURNS + " must be a whole number of at least 1, got '" + env.get(MAX_TURNS) + "'");
    }
    RunLimits limits =
        new RunLimits(
            maxTurns,
            optional(env, MAX_COST_USD).map(v -> positiveNumber(MAX_COST_USD, v)),
            optional(env, MAX_DURATION_SECONDS)
                .map(
                    v ->
                        Duration.ofMillis(
                            Math.round(positiveNumber(MAX_DURATION_SECONDS, v) * 1000))),
            optional(env, MAX_OUTPUT_TOKENS).map(v -> (long) wholeNumber(MAX_OUTPUT_TOKENS, v)),
            optional(env, DEADLINE_SECONDS)
                .map(v -> Duration.ofSeconds((long) wholeNumber(DEADLINE_SECONDS, v))));
    return new EntrypointConfig(
        agentType,
        prompt,
        optional(env, MODEL),
        maxTurns,
        workspace,
        resultPath,
        limits,
        wipBranch(env));
  }

  private static String wipBranch(Map<String, String> env) throws InvalidConfigurationException {
    Optional<String> explicit = optional(env, WIP_BRANCH);
    String branch =
        explicit.orElseGet(
            () -> optional(env, TASK_NAME).map(name -> "axon/" + name + "-wip").orElse("axon/wip"));
    // git's own rules, in short: no "..", no control or special characters, no leading "-".
    if (!branch.matches("[A-Za-z0-9._/-]+")
        || branch.contains("..")
        || branch.startsWith("-")
        || branch.startsWith("/")
        || branch.endsWith("/")
        || branch.endsWith(".lock")
        || branch.contains("//")) {
      throw new InvalidConfigurationException(
          (explicit.isPresent() ? WIP_BRANCH : TASK_NAME)
              + " gives the branch name '"
              + branch
              + "', which git refuses: use letters, digits, '.', '_', '-' and '/'");
    }
    return branch;
  }

  /** A positive number, or the configuration error naming the variable. */
  private static double positiveNumber(String name, String value) {
    try {
      double number = Double.parseDouble(value);
      if (number > 0 && Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new Invalid(name + " must be a number above 0, got '" + value + "'");
  }

  private static long wholeNumber(String name, String value) {
    try {
      long number = Long.parseLong(value);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new Invalid(name + " must be a whole number of at least 1, got '" + value + "'");
  }

  /** Carries a configuration error out of a lambda; unwrapped in {@link #fromEnvironment}. */
  private static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  private static String prompt(Map<String, String> env) throws InvalidConfigurationException {
    Optional<String> file = optional(env, PROMPT_FILE);
    String prompt = file.isPresent() ? readPrompt(Path.of(file.get())) : env.get(PROMPT);
    if (prompt == null || prompt.isBlank()) {
      throw new InvalidConfigurationException(
          (file.isPresent()
                  ? PROMPT_FILE + "=" + file.get() + " holds no prompt"
                  : PROMPT + " and " + PROMPT_FILE + " are not set, or the prompt is blank")
              + ": give the agent a task");
    }
    return prompt;
  }

  /** The file's text; refused unless it is UTF-8, so that it reaches the agent byte-exact. */
  private static String readPrompt(Path file) throws InvalidConfigurationException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidConfigurationException(
          PROMPT_FILE + "=" + file + " is not UTF-8 text: " + e.getMessage());
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          PROMPT_FILE + "=" + file + " cannot be read: " + e.getMessage());
    }
  }

  private static String required(Map<String, String> env, String name)
      throws InvalidConfigurationException {
    return optional(env, name)
        .orElseThrow(() -> new InvalidConfigurationException(name + " is not set"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int positive(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
