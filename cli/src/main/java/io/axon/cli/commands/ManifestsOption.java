package io.axon.cli.commands;

import io.axon.cli.install.Manifests;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --manifests DIR}, shared by install and uninstall: which manifests to apply or remove. */
public final class ManifestsOption {

  @Option(
      names = "--manifests",
      paramLabel = "DIR",
      description = "Use the manifests in DIR (laid out like deploy/) instead of the bundled ones.")
  Path dir;

  /** The manifests in {@code --manifests DIR}, else the ones bundled in the CLI. */
  Manifests manifests() {
    return dir != null ? Manifests.directory(dir) : Manifests.bundled();
  }
}
