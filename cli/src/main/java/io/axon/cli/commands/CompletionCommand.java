package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code axon completion [bash|zsh|fish]}: the shell completion script. */
@Command(
    name = "completion",
    description = {
      "Print a bash, zsh or fish completion script.",
      "Besides commands and options it completes Task names, namespaces (-n)",
      "and contexts (--context), asking the cluster for at most 5 seconds."
    },
    footer = {
      "",
      "bash: source <(axon completion bash)",
      "zsh:  source <(axon completion zsh)",
      "fish: axon completion fish | source"
    })
public final class CompletionCommand extends CliCommand {
  /** The shells; zsh runs the bash script through its bash completion emulation. */
  enum Shell {
    bash,
    zsh,
    fish
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash, zsh or fish (default: ${DEFAULT-VALUE}).")
  Shell shell;

  @Override
  protected int execute() {
    if (shell == Shell.fish) {
      out().print(FishCompletion.script("axon", spec.root().commandLine()));
      out().print(resource("completion-dynamic.fish"));
    } else {
      if (shell == Shell.zsh) {
        out().println("autoload -U +X compinit && compinit");
        out().println("autoload -U +X bashcompinit && bashcompinit");
      }
      out().print(bash());
    }
    out().flush();
    return ExitCodes.OK;
  }

  /** picocli's static script, registered under a wrapper that adds the dynamic candidates. */
  private String bash() {
    String generated = AutoComplete.bash("axon", spec.root().commandLine());
    // picocli ends with its own `complete -F _complete_axon ...`: the wrapper's replaces it.
    String withoutRegistration = generated.replaceAll("(?m)^complete -F _complete_axon.*$", "");
    return withoutRegistration + resource("completion-dynamic.bash");
  }

  private static String resource(String name) {
    try (InputStream in = CompletionCommand.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
