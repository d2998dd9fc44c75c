package io.axon.cli.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workspaces local runs kept because they hold the agent's work, for {@code axon local}. Runs
 * still in progress are neither listed nor removed.
 */
public final class KeptWorkspaces {

  /** One kept workspace and when the agent last changed anything in its run. */
  public record Kept(Path workspace, Instant lastChanged) {}

  private final Path cacheDir;

  private KeptWorkspaces(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** Under {@code $AXON_CACHE_DIR}, else {@code ~/.cache/axon}, as {@code run --local} uses. */
  public static KeptWorkspaces in(Map<String, String> env, Path home) {
    String dir = env.get("AXON_CACHE_DIR");
    return new KeptWorkspaces(
        dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".cache").resolve("axon"));
  }

  /** Oldest first; what abandoned runs left is tidied first. */
  public List<Kept> list() {
    RunDirectory.tidyAbandoned(cacheDir);
    return RunDirectory.all(cacheDir).stream()
        .filter(run -> !run.isActive())
        .map(run -> new Kept(run.workspace(), RunDirectory.modified(run.root()).toInstant()))
        .toList();
  }

  /** Removes every kept workspace; returns them. */
  public List<Kept> clean() {
    List<Kept> kept = list();
    kept.forEach(k -> new RunDirectory(k.workspace().getParent()).removeAll());
    return kept;
  }
}
