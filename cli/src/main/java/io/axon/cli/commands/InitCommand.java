package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.client.config.ConfigTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code axon init}: writes a commented config file. */
@Command(
    name = "init",
    description = "Write a config file template (~/.axon/config.yaml, or --config) to fill in.")
public final class InitCommand extends CliCommand {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  @Option(names = "--force", description = "Overwrite an existing config file.")
  boolean force;

  @Override
  protected int execute() throws IOException {
    Path file = root().configPath().toAbsolutePath();
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw exists(file);
    }
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, OWNER_ONLY_DIR);
    }
    // The file will hold tokens: it is created with mode 0600, never readable by others even for a
    // moment. Without --force it is created only if absent (atomically); with --force a copy
    // written beside it replaces it.
    if (force) {
      Path temp = Files.createTempFile(dir, ".config-", ".yaml", OWNER_ONLY_FILE);
      try {
        Files.writeString(temp, ConfigTemplate.text(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } else {
      try {
        Files.createFile(file, OWNER_ONLY_FILE);
      } catch (FileAlreadyExistsException e) {
        throw exists(file);
      }
      Files.writeString(file, ConfigTemplate.text(), StandardCharsets.UTF_8);
    }
    out().println("Wrote " + file);
    out().println("Edit it: set oauthToken or apiKey (and a workspace), then run:");
    out().println("  axon run -p \"Create a hello world program in Python\"");
    return ExitCodes.OK;
  }

  private static UserException exists(Path file) {
    return new UserException(
        "%s already exists; edit it, or pass --force to replace it with the template"
            .formatted(file));
  }
}
