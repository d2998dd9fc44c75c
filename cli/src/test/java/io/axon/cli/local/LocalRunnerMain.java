package io.axon.cli.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
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
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    System.exit(new LocalRunner().run(options, out, err, false));
  }
}
