package io.axon.cli;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The axon.io kinds the CLI lists and deletes, with the names a user may type for them. */
public enum ResourceKind {
  TASK(Task.class, "task", "tasks", "axt", "axontask"),
  TASKSPAWNER(TaskSpawner.class, "taskspawner", "taskspawners", "axts", "axonspawner", "spawner"),
  WORKSPACE(Workspace.class, "workspace", "workspaces", "axws", "axonworkspace", "ws");

  private final Class<? extends HasMetadata> type;
  private final String singular;
  private final List<String> names;

  ResourceKind(Class<? extends HasMetadata> type, String singular, String... otherNames) {
    this.type = type;
    this.singular = singular;
    this.names = List.of(otherNames);
  }

  public Class<? extends HasMetadata> type() {
    return type;
  }

  /** As in messages: {@code task}. */
  public String singular() {
    return singular;
  }

  /** As in the API's paths: {@code tasks} (the type's {@code @Plural}). */
  public String plural() {
    return HasMetadata.getPlural(type);
  }

  /** The kind a user typed ({@code tasks}, {@code task}, {@code axt}, ...). */
  public static ResourceKind parse(String typed) {
    String name = typed.toLowerCase(Locale.ROOT);
    // kubectl also accepts the full resource name, tasks.axon.io.
    if (name.endsWith(".axon.io")) {
      name = name.substring(0, name.length() - ".axon.io".length());
    }
    for (ResourceKind kind : values()) {
      if (kind.singular.equals(name) || kind.names.contains(name)) {
        return kind;
      }
    }
    throw new TypeConversionException(
        "unknown kind '%s': use one of %s"
            .formatted(typed, Arrays.stream(values()).map(k -> k.singular + "s").toList()));
  }

  /** Lets picocli parse kinds. */
  public static final class Converter implements ITypeConverter<ResourceKind> {
    @Override
    public ResourceKind convert(String value) {
      return parse(value);
    }
  }

  /** For shell completion. */
  public static final class Candidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("tasks", "taskspawners", "workspaces").iterator();
    }
  }
}
