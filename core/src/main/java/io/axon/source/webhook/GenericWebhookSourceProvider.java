package io.axon.source.webhook;

import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.axon.spi.source.WorkSourceProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code spec.when.genericWebhook}: work that other systems push to the controller's webhook
 * endpoint, one Task per delivery (see {@code io.axon.controller.webhook.GenericDeliveries}). It
 * has nothing to poll: its polls find no item, and only check the settings ({@code secretRef},
 * {@code authentication}, {@code fields}, {@code replayWindow}), so that a mistake shows in the
 * spawner's conditions before any delivery comes.
 */
public final class GenericWebhookSourceProvider implements WorkSourceProvider {
  public static final String KIND = "genericWebhook";
  public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);
  public static final Duration MAX_REPLAY_WINDOW = Duration.ofHours(1);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<String> extraFields(Map<String, Object> settings) {
    try {
      return FieldMapping.parse(settings.get("fields")).extraFields();
    } catch (IllegalArgumentException e) {
      return Set.of(); // open() says what is wrong.
    }
  }

  @Override
  public boolean needsWorkspace() {
    return false;
  }

  @Override
  public WorkSource open(WorkSourceConfig config) {
    try {
      FieldMapping.parse(config.settings().get("fields"));
    } catch (IllegalArgumentException e) {
      throw new WorkSourceException(Reason.INVALID_CONFIG, e.getMessage());
    }
    if (!(config.settings().get("secretRef") instanceof Map<?, ?> ref) || ref.get("name") == null) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG, "secretRef.name is not set: name the Secret that authenticates");
    }
    String authentication = config.string("authentication").orElse("hmac");
    if (!authentication.equals("hmac") && !authentication.equals("bearer")) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "authentication is '%s': use hmac (default) or bearer".formatted(authentication));
    }
    try {
      replayWindow(config.settings());
    } catch (IllegalArgumentException e) {
      throw new WorkSourceException(Reason.INVALID_CONFIG, e.getMessage());
    }
    return new PushedOnly();
  }

  /**
   * The settings' {@code replayWindow}, default {@link #DEFAULT_REPLAY_WINDOW}.
   *
   * @throws IllegalArgumentException when it is no duration or longer than {@link
   *     #MAX_REPLAY_WINDOW}
   */
  public static Duration replayWindow(Map<String, Object> settings) {
    Object text = settings.get("replayWindow");
    if (text == null || text.toString().isBlank()) {
      return DEFAULT_REPLAY_WINDOW;
    }
    Duration window;
    try {
      window = io.axon.controller.duration.GoDuration.parse(text.toString().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("replayWindow: " + e.getMessage());
    }
    if (window.isZero() || window.isNegative() || window.compareTo(MAX_REPLAY_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "replayWindow " + text + " must be more than 0 and at most 1h (default 5m)");
    }
    return window;
  }

  /** Nothing to poll: deliveries bring the work. */
  private static final class PushedOnly implements WorkSource {
    @Override
    public CompletionStage<List<WorkItem>> poll() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public PollStats lastPollStats() {
      return PollStats.NONE;
    }
  }
}
