package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.wiring.ControllerSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceDefaultsTest {

  @Test
  void readsNestedJsonAsPlainValues() {
    JsonObject json =
        new JsonObject(
            """
            {"sources": {"githubIssues": {"apiBaseURL": "https://ghe.example.com/api/v3",
                                          "labels": ["bug"], "extra": {"a": 1}}}}
            """);

    Map<String, Map<String, Object>> sources = ControllerSettings.fromJson(json).sources();

    assertThat(sources.get("githubIssues"))
        .containsEntry("apiBaseURL", "https://ghe.example.com/api/v3")
        .containsEntry("labels", List.of("bug"))
        .containsEntry("extra", Map.of("a", 1));
    assertThat(sources.get("githubIssues").get("labels")).isInstanceOf(List.class);
    assertThat(ControllerSettings.defaults().sources()).isEmpty();
  }

  @Test
  void aKindThatIsNotAMapIsRefused() {
    assertThatThrownBy(
            () -> SourceDefaults.fromJson(new JsonObject().put("githubIssues", "https://x")))
        .hasMessage(
            "sources.githubIssues must be a map of settings, such as {apiBaseURL: https://...}");
  }
}
