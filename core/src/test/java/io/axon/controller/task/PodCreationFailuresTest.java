package io.axon.controller.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodCreationFailuresTest {
  static final Instant CREATED = Instant.parse("2026-12-08T01:00:00Z");

  private static Job job() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("t")
        .withCreationTimestamp(CREATED.toString())
        .endMetadata()
        .build();
  }

  @Test
  void aNewJobsRefusalWaitsForTheRestOfTheGrace() {
    assertThat(PodCreationFailures.graceLeft(job(), CREATED.plusSeconds(2)))
        .contains(PodCreationFailures.GRACE.minusSeconds(2));
  }

  @Test
  void theWaitIsAtLeastASecondJustBeforeTheGraceEnds() {
    assertThat(PodCreationFailures.graceLeft(job(), CREATED.plus(Duration.ofMillis(4900))))
        .contains(Duration.ofSeconds(1));
  }

  @Test
  void noWaitOnceTheGraceHasPassed() {
    assertThat(PodCreationFailures.graceLeft(job(), CREATED.plus(PodCreationFailures.GRACE)))
        .isEmpty();
    assertThat(PodCreationFailures.graceLeft(job(), CREATED.plusSeconds(60))).isEmpty();
  }

  @Test
  void aJobWithoutACreationTimeHasNoGrace() {
    Job job = job();
    job.getMetadata().setCreationTimestamp(null);
    assertThat(PodCreationFailures.graceLeft(job, CREATED)).isEmpty();
  }
}
