package io.axon.architecture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The package cycles among compiled classes, as the JDK's {@code jdeps} sees their dependences:
 * each strongly connected group of two or more packages, with the edges that tie it.
 */
final class PackageCycles {
  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");

  private PackageCycles() {}

  /**
   * The cycles among the packages under {@code prefix} in a directory of classes.
   *
   * @return one line per cycle: its packages, then each edge between them
   */
  static List<String> in(Path classes, String prefix) {
    Map<String, Set<String>> edges = dependences(classes, prefix);
    List<String> cycles = new ArrayList<>();
    for (Set<String> group : stronglyConnected(edges)) {
      if (group.size() < 2) {
        continue;
      }
      List<String> ties = new ArrayList<>();
      for (String from : group) {
        for (String to : edges.getOrDefault(from, Set.of())) {
          if (group.contains(to)) {
            ties.add(from + " -> " + to);
          }
        }
      }
      cycles.add(group + ": " + String.join(", ", ties));
    }
    return cycles;
  }

  /** Package to the packages it depends on, both under {@code prefix}, without self-edges. */
  static Map<String, Set<String>> dependences(Path classes, String prefix) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String regex = Pattern.quote(prefix) + ".*";
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:package",
            "-filter:none",
            "-e",
            regex,
            classes.toString());
    if (code != 0) {
      throw new IllegalStateException("jdeps exited with " + code + ": " + err);
    }
    Map<String, Set<String>> edges = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.matches() && m.group(1).startsWith(prefix) && m.group(2).startsWith(prefix)) {
        Set<String> targets = edges.computeIfAbsent(m.group(1), k -> new TreeSet<>());
        if (!m.group(1).equals(m.group(2))) {
          targets.add(m.group(2));
        }
      }
    }
    return edges;
  }

  /** Tarjan's strongly connected components (recursive: there are a few dozen packages). */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> groups = new ArrayList<>();
    for (String root : edges.keySet()) {
      if (!index.containsKey(root)) {
        visit(root, edges, index, low, stack, onStack, groups);
      }
    }
    return groups;
  }

  private static void visit(
      String node,
      Map<String, Set<String>> edges,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> groups) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : edges.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        visit(next, edges, index, low, stack, onStack, groups);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(node));
      groups.add(group);
    }
  }
}
