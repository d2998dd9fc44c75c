package io.axon.spi.source;

import java.util.Collections;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The work source kinds installed on a class path. */
public final class WorkSourceRegistry {

  private final SortedMap<String, WorkSourceProvider> providers;

  private WorkSourceRegistry(SortedMap<String, WorkSourceProvider> providers) {
    this.providers = Collections.unmodifiableSortedMap(providers);
  }

  /** The providers visible to this class's class loader. */
  public static WorkSourceRegistry load() {
    return load(WorkSourceRegistry.class.getClassLoader());
  }

  /** The providers visible to the given class loader. */
  public static WorkSourceRegistry load(ClassLoader classLoader) {
    SortedMap<String, WorkSourceProvider> found = new TreeMap<>();
    for (WorkSourceProvider provider : ServiceLoader.load(WorkSourceProvider.class, classLoader)) {
      WorkSourceProvider previous = found.putIfAbsent(provider.kind(), provider);
      if (previous != null) {
        throw new IllegalStateException(
            "Two source plugins claim kind '%s': %s and %s"
                .formatted(
                    provider.kind(), previous.getClass().getName(), provider.getClass().getName()));
      }
    }
    return new WorkSourceRegistry(found);
  }

  /** A registry of exactly these providers. */
  public static WorkSourceRegistry of(WorkSourceProvider... providers) {
    SortedMap<String, WorkSourceProvider> found = new TreeMap<>();
    for (WorkSourceProvider provider : providers) {
      found.put(provider.kind(), provider);
    }
    return new WorkSourceRegistry(found);
  }

  public Optional<WorkSourceProvider> find(String kind) {
    return Optional.ofNullable(providers.get(kind));
  }

  public Set<String> kinds() {
    return providers.keySet();
  }
}
