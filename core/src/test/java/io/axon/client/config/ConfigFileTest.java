package io.axon.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final Path FILE = Path.of("/home/me/.axon/config.yaml");

  @Test
  void readsEveryKey() {
    LoadedConfig loaded =
        ConfigFile.parse(
            FILE,
            """
            oauthToken: oat-123
            apiKey: sk-456
            secret: my-secret
            credentialType: oauth
            model: claude-sonnet-4-5-20250929
            namespace: agents
            workspace:
              name: my-ws
              repo: https://github.com/acme/app.git
              ref: main
              token: ghp_abc
            """);

    AxonConfig config = loaded.config();
    assertThat(loaded.exists()).isTrue();
    assertThat(loaded.warnings()).isEmpty();
    assertThat(config.oauthToken()).contains("oat-123");
    assertThat(config.apiKey()).contains("sk-456");
    assertThat(config.secret()).contains("my-secret");
    assertThat(config.credentialType()).contains("oauth");
    assertThat(config.model()).contains("claude-sonnet-4-5-20250929");
    assertThat(config.namespace()).contains("agents");
    assertThat(config.workspace())
        .contains(
            new WorkspaceConfig(
                Optional.of("my-ws"),
                Optional.of("https://github.com/acme/app.git"),
                Optional.of("main"),
                Optional.of("ghp_abc")));
  }

  @Test
  void emptyValuesCountAsUnset() {
    AxonConfig config =
        ConfigFile.parse(FILE, "oauthToken:\napiKey: ''\nworkspace:\nmodel:   \n").config();

    assertThat(config).isEqualTo(AxonConfig.empty());
  }

  @Test
  void emptyAndCommentOnlyFilesAreEmptyConfigs() {
    assertThat(ConfigFile.parse(FILE, "").config()).isEqualTo(AxonConfig.empty());
    assertThat(ConfigFile.parse(FILE, "# nothing here\n").config()).isEqualTo(AxonConfig.empty());
  }

  @Test
  void missingFileIsAnEmptyConfig(@TempDir Path dir) {
    LoadedConfig loaded = ConfigFile.read(dir.resolve("nope.yaml"));

    assertThat(loaded.exists()).isFalse();
    assertThat(loaded.config()).isEqualTo(AxonConfig.empty());
  }

  @Test
  void readsAFileFromDisk(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "apiKey: sk-1\nnamespace: ns1\n");

    LoadedConfig loaded = ConfigFile.read(file);

    assertThat(loaded.config().apiKey()).contains("sk-1");
    assertThat(loaded.config().namespace()).contains("ns1");
  }

  @Test
  void unknownKeysAreWarnedAboutWithTheirLine() {
    LoadedConfig loaded =
        ConfigFile.parse(
            FILE,
            """
            apiKey: sk-1
            modle: claude
            workspace:
              repo: https://github.com/acme/app.git
              branch: main
            """);

    assertThat(loaded.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly(
            FILE + ":2: unknown key 'modle' (ignored)",
            FILE + ":5: unknown key 'workspace.branch' (ignored)");
    assertThat(loaded.config().apiKey()).contains("sk-1");
    assertThat(loaded.config().model()).isEmpty();
  }

  @Test
  void malformedYamlIsAnErrorNamingTheLine() {
    assertThatThrownBy(
            () ->
                ConfigFile.parse(FILE, "apiKey: sk-1\nmodel: claude\nworkspace:\n  repo: [oops\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(FILE + ":5: not valid YAML: ");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "apiKey: sk-1\n  model: x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(FILE + ":2: not valid YAML: ");
  }

  @Test
  void wrongKindsOfValueAreErrorsNamingTheLine() {
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "apiKey: sk\nmodel: [a, b]\n"))
        .hasMessage(FILE + ":2: model must be a single value, not a list or mapping");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "\nworkspace: my-ws\n"))
        .hasMessage(FILE + ":2: workspace must be a mapping with name, or repo, ref and token");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "- apiKey\n"))
        .hasMessage(FILE + ":1: the file must be a mapping of keys to values");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "secret: s\ncredentialType: token\n"))
        .hasMessage(FILE + ":2: credentialType must be api-key or oauth");
    assertThatThrownBy(() -> ConfigFile.parse(FILE, "model: a\nmodel: b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":2: ");
  }

  @Test
  void tokensNeverAppearInToString() {
    AxonConfig config =
        ConfigFile.parse(
                FILE,
                "oauthToken: oat-SECRET\napiKey: sk-SECRET\nworkspace:\n  repo: r\n  token: ghp-SECRET\n")
            .config();

    assertThat(config.toString()).doesNotContain("SECRET").contains("oauthToken=<set>");
  }

  @Test
  void theInitTemplateIsAllCommentsAndNamesEveryKey() {
    String template = ConfigTemplate.text();

    assertThat(ConfigFile.parse(FILE, template).config()).isEqualTo(AxonConfig.empty());
    // Uncommenting the key lines gives a file with only known keys (one workspace form at a time).
    StringBuilder uncommented = new StringBuilder();
    boolean inWorkspace = false;
    for (String line : template.split("\n")) {
      if (line.matches("# [a-zA-Z]+:.*") && !line.startsWith("# workspace:")) {
        uncommented.append(line.substring(2)).append('\n');
        inWorkspace = false;
      } else if (line.equals("# workspace:") && !inWorkspace) {
        uncommented.append("workspace:\n");
        inWorkspace = true;
      } else if (line.matches("#   [a-z]+:.*") && inWorkspace) {
        uncommented.append(line.substring(1)).append('\n');
      }
    }
    LoadedConfig loaded = ConfigFile.parse(FILE, uncommented.toString());
    assertThat(loaded.warnings()).isEmpty();
    for (String key : ConfigFile.KEYS) {
      assertThat(template).contains("# " + key + ":");
    }
    for (String key : ConfigFile.WORKSPACE_KEYS) {
      assertThat(template).contains("#   " + key + ":");
    }
  }
}
