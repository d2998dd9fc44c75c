package io.axon.spi.agent;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The agent runtimes installed on a class path, by type name. */
public final class AgentRegistry {

  private final SortedMap<String, AgentRuntime> runtimes;

  private AgentRegistry(SortedMap<String, AgentRuntime> runtimes) {
    this.runtimes = Collections.unmodifiableSortedMap(runtimes);
  }

  /** The runtimes visible to this class's class loader. */
  public static AgentRegistry load() {
    return load(AgentRegistry.class.getClassLoader());
  }

  /**
   * The runtimes visible to the given class loader.
   *
   * @throws IllegalStateException when two plugins claim the same type
   */
  public static AgentRegistry load(ClassLoader classLoader) {
    SortedMap<String, AgentRuntime> found = new TreeMap<>();
    for (AgentRuntime runtime : ServiceLoader.load(AgentRuntime.class, classLoader)) {
      AgentRuntime previous = found.putIfAbsent(runtime.type(), runtime);
      if (previous != null) {
        throw new IllegalStateException(
            "Two agent plugins claim type '%s': %s and %s"
                .formatted(
                    runtime.type(), previous.getClass().getName(), runtime.getClass().getName()));
      }
    }
    return new AgentRegistry(found);
  }

  /** A registry of exactly these runtimes. */
  public static AgentRegistry of(AgentRuntime... runtimes) {
    SortedMap<String, AgentRuntime> found = new TreeMap<>();
    for (AgentRuntime runtime : runtimes) {
      found.put(runtime.type(), runtime);
    }
    return new AgentRegistry(found);
  }

  /** The runtime for a type, if installed. */
  public Optional<AgentRuntime> find(String type) {
    return Optional.ofNullable(runtimes.get(type));
  }

  /** The installed type names, sorted. */
  public Set<String> types() {
    return runtimes.keySet();
  }

  /** Everything installed, by type name. */
  public Map<String, AgentRuntime> all() {
    return runtimes;
  }
}
