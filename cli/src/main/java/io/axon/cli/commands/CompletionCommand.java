package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code axon completion}: the bash/zsh completion script. */
@Command(
    name = "completion",
    description = "Print a bash/zsh completion script.",
    footer = {
      "",
      "bash: source <(axon completion)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(axon completion)"
    })
public final class CompletionCommand extends CliCommand {
  @Spec CommandSpec spec;

  @Override
  protected int execute() {
    out().print(AutoComplete.bash("axon", spec.root().commandLine()));
    out().flush();
    return ExitCodes.OK;
  }
}
