package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code axon completion [bash|zsh]}: the shell completion script. */
@Command(
    name = "completion",
    description = "Print a bash or zsh completion script.",
    footer = {"", "bash: source <(axon completion bash)", "zsh:  source <(axon completion zsh)"})
public final class CompletionCommand extends CliCommand {
  /** The shells the script works in; zsh runs it through its bash completion emulation. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash or zsh (default: ${DEFAULT-VALUE}).")
  Shell shell;

  @Override
  protected int execute() {
    if (shell == Shell.zsh) {
      out().println("autoload -U +X compinit && compinit");
      out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    out().print(AutoComplete.bash("axon", spec.root().commandLine()));
    out().flush();
    return ExitCodes.OK;
  }
}
