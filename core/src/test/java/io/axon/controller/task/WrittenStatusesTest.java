package io.axon.controller.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import org.junit.jupiter.api.Test;

class WrittenStatusesTest {
  final WrittenStatuses written = new WrittenStatuses();

  @Test
  void whileTheCacheShowsTheVersionWeWroteOverOurWriteIsFresher() {
    Task cached = version(Fixtures.task("t"), "10");
    Task result = version(Fixtures.task("t"), "11");
    written.remember("team-a/t", "10", result);

    assertThat(written.freshest("team-a/t", cached)).isSameAs(result);
    assertThat(written.freshest("team-a/t", cached)).as("until the cache moves").isSameAs(result);
  }

  @Test
  void onceTheCacheMovesOnItWinsAndTheWriteIsForgotten() {
    Task result = version(Fixtures.task("t"), "11");
    written.remember("team-a/t", "10", result);
    Task newer = version(Fixtures.task("t"), "12");

    assertThat(written.freshest("team-a/t", newer)).isSameAs(newer);
    Task older = version(Fixtures.task("t"), "10");
    assertThat(written.freshest("team-a/t", older)).as("forgotten").isSameAs(older);
  }

  @Test
  void otherTasksAndForgottenTasksUseTheCache() {
    written.remember("team-a/t", "10", version(Fixtures.task("t"), "11"));
    Task other = version(Fixtures.task("u"), "10");
    assertThat(written.freshest("team-a/u", other)).isSameAs(other);

    written.forget("team-a/t");
    Task cached = version(Fixtures.task("t"), "10");
    assertThat(written.freshest("team-a/t", cached)).isSameAs(cached);
  }

  static Task version(Task task, String resourceVersion) {
    task.getMetadata().setResourceVersion(resourceVersion);
    return task;
  }
}
