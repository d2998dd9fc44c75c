package io.axon.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The fish completion script for a picocli command tree: its commands, their options. */
final class FishCompletion {
  /** Root options whose values come from the cluster or the kubeconfig. */
  private static final Map<String, String> DYNAMIC_VALUES =
      Map.of("--namespace", "namespaces", "--context", "contexts");

  private FishCompletion() {}

  static String script(String name, CommandLine root) {
    StringBuilder out = new StringBuilder("# fish completion for " + name + "\n");
    out.append("complete -c %s -f%n".formatted(name));
    for (OptionSpec option : root.getCommandSpec().options()) {
      out.append(option(name, null, option));
    }
    root.getSubcommands()
        .forEach(
            (command, sub) -> {
              CommandSpec spec = sub.getCommandSpec();
              if (spec.usageMessage().hidden() || !command.equals(spec.name())) {
                return;
              }
              out.append(
                  "complete -c %s -n __fish_use_subcommand -a %s -d %s%n"
                      .formatted(name, command, quote(summary(spec))));
              for (OptionSpec option : spec.options()) {
                out.append(option(name, command, option));
              }
              sub.getSubcommands()
                  .forEach(
                      (child, childLine) ->
                          out.append(
                              "complete -c %s -n '__fish_seen_subcommand_from %s' -a %s -d %s%n"
                                  .formatted(
                                      name,
                                      command,
                                      child,
                                      quote(summary(childLine.getCommandSpec())))));
            });
    return out.toString();
  }

  private static String option(String name, String command, OptionSpec option) {
    if (option.hidden()) {
      return "";
    }
    List<String> parts = new ArrayList<>(List.of("complete", "-c", name));
    if (command != null) {
      parts.addAll(List.of("-n", quote("__fish_seen_subcommand_from " + command)));
    }
    for (String flag : option.names()) {
      if (flag.startsWith("--")) {
        parts.addAll(List.of("-l", flag.substring(2)));
      } else if (flag.length() == 2) {
        parts.addAll(List.of("-s", flag.substring(1)));
      }
    }
    if (option.typeInfo().isBoolean()) {
      // A flag: nothing follows it.
    } else if (DYNAMIC_VALUES.containsKey(option.longestName())) {
      parts.addAll(
          List.of(
              "-x",
              "-a",
              quote("(__axon_complete " + DYNAMIC_VALUES.get(option.longestName()) + ")")));
    } else if (option.completionCandidates() != null) {
      List<String> values = new ArrayList<>();
      option.completionCandidates().forEach(values::add);
      parts.addAll(List.of("-x", "-a", quote(String.join(" ", values))));
    } else {
      parts.add("-r");
    }
    String description = String.join(" ", option.description());
    if (!description.isBlank()) {
      parts.addAll(List.of("-d", quote(firstSentence(description))));
    }
    return String.join(" ", parts) + "\n";
  }

  private static String summary(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : firstSentence(description[0]);
  }

  private static String firstSentence(String text) {
    String plain = text.replaceAll("\\$\\{[^}]*}", "").replace("`", "");
    int end = plain.indexOf(". ");
    return (end < 0 ? plain : plain.substring(0, end + 1)).strip();
  }

  /** A fish single-quoted word: only backslash and the quote itself are special there. */
  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
