package io.axon.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.agent.CredentialType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The precedence rules of the README's Configuration section, one row per case. */
class RunSettingsTest {

  /**
   * Columns: config file (YAML, '|' for newlines), --secret, --credential-type, --workspace, then
   * the expected credentials and workspace as {@code describe} prints them.
   */
  @ParameterizedTest(name = "[{index}] {0} / --secret={1} --credential-type={2} --workspace={3}")
  @CsvSource(
      delimiter = ';',
      nullValues = "-",
      textBlock =
          """
          apiKey: k                                ; -     ; -      ; -      ; token api-key        ; none
          oauthToken: t                            ; -     ; -      ; -      ; token oauth          ; none
          oauthToken: t|apiKey: k                  ; -     ; -      ; -      ; token oauth          ; none
          apiKey: k|secret: s                      ; -     ; -      ; -      ; secret s api-key     ; none
          oauthToken: t|secret: s                  ; -     ; -      ; -      ; secret s api-key     ; none
          secret: s|credentialType: oauth          ; -     ; -      ; -      ; secret s oauth       ; none
          secret: s|credentialType: oauth          ; f     ; -      ; -      ; secret f oauth       ; none
          secret: s|credentialType: oauth          ; f     ; api-key; -      ; secret f api-key     ; none
          apiKey: k                                ; f     ; -      ; -      ; secret f api-key     ; none
          oauthToken: t                            ; f     ; oauth  ; -      ; secret f oauth       ; none
          ''                                       ; f     ; -      ; -      ; secret f api-key     ; none
          apiKey: k                                ; -     ; oauth  ; -      ; token api-key        ; none
          apiKey: k|workspace: {name: w}           ; -     ; -      ; -      ; token api-key        ; existing w
          apiKey: k|workspace: {repo: r}           ; -     ; -      ; -      ; token api-key        ; inline r - -
          apiKey: k|workspace: {repo: r, ref: main, token: x}; - ; - ; -     ; token api-key        ; inline r main token
          apiKey: k|workspace: {name: w, repo: r}  ; -     ; -      ; -      ; token api-key        ; existing w
          apiKey: k|workspace: {name: w, repo: r}  ; -     ; -      ; flag-ws; token api-key        ; existing flag-ws
          apiKey: k|workspace: {repo: r}           ; -     ; -      ; flag-ws; token api-key        ; existing flag-ws
          apiKey: k                                ; -     ; -      ; flag-ws; token api-key        ; existing flag-ws
          apiKey: k|workspace: {ref: main}         ; -     ; -      ; -      ; token api-key        ; none
          """)
  void precedence(
      String config,
      String secretFlag,
      String credentialTypeFlag,
      String workspaceFlag,
      String expectedCredentials,
      String expectedWorkspace) {
    AxonConfig parsed =
        ConfigFile.parse(Path.of("config.yaml"), config.replace('|', '\n')).config();
    RunFlags flags =
        new RunFlags(
            Optional.ofNullable(secretFlag),
            Optional.ofNullable(credentialTypeFlag).flatMap(CredentialType::fromValue),
            Optional.ofNullable(workspaceFlag),
            Optional.empty(),
            Optional.empty());

    RunSettings settings = RunSettings.resolve(parsed, flags);

    assertThat(describe(settings.credentials())).isEqualTo(expectedCredentials);
    assertThat(settings.workspace().map(RunSettingsTest::describe).orElse("none"))
        .isEqualTo(expectedWorkspace);
  }

  @ParameterizedTest(name = "[{index}] {0} / --model={1} -n={2}")
  @CsvSource(
      delimiter = ';',
      nullValues = "-",
      textBlock =
          """
          apiKey: k                          ; -  ; -  ; none ; none
          apiKey: k|model: m1|namespace: n1  ; -  ; -  ; m1   ; n1
          apiKey: k|model: m1|namespace: n1  ; m2 ; n2 ; m2   ; n2
          apiKey: k|model: m1                ; -  ; n2 ; m1   ; n2
          """)
  void modelAndNamespace(
      String config, String modelFlag, String namespaceFlag, String model, String namespace) {
    AxonConfig parsed =
        ConfigFile.parse(Path.of("config.yaml"), config.replace('|', '\n')).config();
    RunFlags flags =
        new RunFlags(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.ofNullable(modelFlag),
            Optional.ofNullable(namespaceFlag));

    RunSettings settings = RunSettings.resolve(parsed, flags);

    assertThat(settings.model().orElse("none")).isEqualTo(model);
    assertThat(settings.namespace().orElse("none")).isEqualTo(namespace);
  }

  @org.junit.jupiter.api.Test
  void notesWhatItIgnores() {
    AxonConfig config = ConfigFile.parse(Path.of("c.yaml"), "oauthToken: t\napiKey: k\n").config();
    RunFlags flags =
        new RunFlags(
            Optional.empty(),
            Optional.of(CredentialType.OAUTH),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThat(RunSettings.resolve(config, flags).notes())
        .containsExactly(
            "--credential-type applies only with --secret or secret; ignored",
            "both oauthToken and apiKey are set in the config; using oauthToken");
  }

  @org.junit.jupiter.api.Test
  void noCredentialsAnywhereSaysWhatToDo() {
    assertThatThrownBy(() -> RunSettings.resolve(AxonConfig.empty(), RunFlags.none()))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("axon init")
        .hasMessageContaining("apiKey or oauthToken")
        .hasMessageContaining("--secret");
  }

  private static String describe(CredentialSource source) {
    if (source instanceof CredentialSource.ExistingSecret s) {
      return "secret " + s.name() + " " + s.type().value();
    }
    return "token " + source.type().value();
  }

  private static String describe(WorkspaceSource source) {
    if (source instanceof WorkspaceSource.Existing e) {
      return "existing " + e.name();
    }
    WorkspaceSource.Inline i = (WorkspaceSource.Inline) source;
    return "inline %s %s %s"
        .formatted(i.repo(), i.ref().orElse("-"), i.token().isPresent() ? "token" : "-");
  }
}
