package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpawnedTaskNamesTest {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  @Test
  void plainNameWhenItFits() {
    assertThat(SpawnedTaskNames.forItem("fix-bugs", "42")).isEqualTo("fix-bugs-42");
    String sixtyThree = "s".repeat(60) + "-42";
    assertThat(SpawnedTaskNames.forItem("s".repeat(60), "42")).isEqualTo(sixtyThree);
  }

  @Test
  void longNamesAreCutAndHashedKeepingTheItemId() {
    String spawner = "a-very-long-task-spawner-name-that-someone-wrote-for-their-team-x";
    String name = SpawnedTaskNames.forItem(spawner, "12345");

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_SUBDOMAIN).endsWith("-12345");
    assertThat(name).startsWith("a-very-long-task-spawner-name-that-someone-wrote");
    assertThat(SpawnedTaskNames.forItem(spawner, "12345")).as("deterministic").isEqualTo(name);
    assertThat(SpawnedTaskNames.forItem(spawner.replace("team-x", "team-y"), "12345"))
        .as("same prefix, other spawner")
        .isNotEqualTo(name)
        .hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void aSixtyThreeCharacterSpawnerStillFits() {
    String spawner = "b".repeat(63);
    String name = SpawnedTaskNames.forItem(spawner, "987654321");
    assertThat(name).hasSizeLessThanOrEqualTo(63).matches(DNS_SUBDOMAIN).endsWith("-987654321");
  }

  @Test
  void idsThatAreNoDnsLabelGetAReadableHashedForm() {
    String a = SpawnedTaskNames.forItem("sync", "PROJ_12/Sub Task");
    String b = SpawnedTaskNames.forItem("sync", "proj-12-sub-task");
    assertThat(a).matches(DNS_SUBDOMAIN).startsWith("sync-proj-12-sub-task-").isNotEqualTo(b);
    assertThat(SpawnedTaskNames.forItem("sync", "ABC-7")).isEqualTo("sync-abc-7");
    String huge = SpawnedTaskNames.forItem("sync", "x".repeat(500));
    assertThat(huge).hasSizeLessThanOrEqualTo(63).matches(DNS_SUBDOMAIN);
    assertThat(SpawnedTaskNames.forItem("sync", "日本")).matches(DNS_SUBDOMAIN);
  }

  @Test
  void labelValuesAreTheIdWhenValid() {
    assertThat(SpawnedTaskNames.labelValue("42")).isEqualTo("42");
    assertThat(SpawnedTaskNames.labelValue("ABC_7.x")).isEqualTo("ABC_7.x");
    assertThat(SpawnedTaskNames.labelValue("a b/c")).matches(LABEL_VALUE).hasSizeLessThan(64);
    assertThat(SpawnedTaskNames.labelValue("y".repeat(100)))
        .matches(LABEL_VALUE)
        .hasSizeLessThan(64);
  }
}
