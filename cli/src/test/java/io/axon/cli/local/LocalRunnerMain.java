package io.axon.cli.local;

import java.util.Map;
import java.util.Optional;

/**
 * Runs {@link LocalRunner} in a JVM of its own, for tests that signal it and for the benchmark:
 * {@code LocalRunnerMain <ANTHROPIC_BASE_URL> <prompt> [<workspace>]}.
 */
public final class LocalRunnerMain {

  private LocalRunnerMain() {}

  public static void main(String[] args) {
    LocalRunner.Options options =
        new LocalRunner.Options(
            "claude-code",
            args[1],
            Optional.of(LocalRunnerE2E.MODEL),
            args.length > 2 ? Optional.of(args[2]) : Optional.empty(),
            Optional.empty(),
            Map.of("ANTHROPIC_API_KEY", "test-key"),
            Map.of("ANTHROPIC_BASE_URL", args[0]),
            Optional.empty(),
            true);
    System.exit(new LocalRunner().run(options, System.out, System.err, false));
  }
}
