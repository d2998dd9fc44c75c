package io.axon.controller.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonObject;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Kubernetes Events about any object, so {@code kubectl describe} and {@code
 * kubectl get events} show what the controller did. Like client-go's recorder, a repeat of the same
 * reason and message for the same object bumps the count of the existing Event instead of adding
 * another. Best effort: a failed write is logged, never thrown. Blocking: call from a worker.
 */
public final class EventRecorder {
  /** The component named as the Events' source. */
  public static final String COMPONENT = "axon-controller";

  /** A Task's Job was created. */
  public static final String JOB_CREATED = "JobCreated";

  /** A Task's agent started running. */
  public static final String STARTED = "Started";

  /** A Task finished successfully. */
  public static final String SUCCEEDED = "Succeeded";

  /** A Task failed; the message says why. */
  public static final String FAILED = "Failed";

  /** A TaskSpawner's source could not be read. */
  public static final String SOURCE_ERROR = "SourceError";

  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";

  /** The API server stores Event messages of any length, but tools show about this much. */
  private static final int MAX_MESSAGE = 1024;

  private static final int REMEMBERED = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  private final Map<String, Recorded> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
          return size() > REMEMBERED;
        }
      };

  private record Recorded(String namespace, String name, int count) {}

  /**
   * @param instance this replica's identity, recorded as the Events' reporting instance
   */
  public EventRecorder(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  /** Records something that went as expected. */
  public void normal(HasMetadata object, String reason, String message) {
    record(object, NORMAL, reason, message);
  }

  /** Records something a person may need to act on. */
  public void warning(HasMetadata object, String reason, String message) {
    record(object, WARNING, reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    record(reference(object), type, reason, message, 1);
  }

  /** Records an Event that happened {@code times} times (repeats coalesced while queued). */
  void record(ObjectReference about, String type, String reason, String message, int times) {
    String text = truncate(message == null ? "" : message);
    String key = String.join("\u0000", about.getUid(), about.getKind(), type, reason, text);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      Recorded previous;
      synchronized (recent) {
        previous = recent.get(key);
      }
      Recorded recorded =
          previous == null
              ? create(about, type, reason, text, now, times)
              : bump(previous, now, times);
      if (recorded == null) {
        recorded = create(about, type, reason, text, now, times); // The earlier Event expired.
      }
      synchronized (recent) {
        recent.put(key, recorded);
      }
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record Event {} for {} {}/{}: {}",
          reason,
          about.getKind(),
          about.getNamespace(),
          about.getName(),
          e.getMessage());
    }
  }

  /** What an Event says it is about: small, so queued Events never hold whole objects. */
  static ObjectReference reference(HasMetadata object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.getApiVersion())
        .withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid())
        .withResourceVersion(object.getMetadata().getResourceVersion())
        .build();
  }

  private Recorded create(
      ObjectReference about, String type, String reason, String text, String now, int times) {
    String namespace = about.getNamespace() == null ? "default" : about.getNamespace();
    // client-go names Events <object>.<unix nanos in hex>: unique, and sorted by time.
    Instant instant = clock.instant();
    String name =
        "%s.%x"
            .formatted(
                about.getName(), instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(about)
            .withType(type)
            .withReason(reason)
            .withMessage(text)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(times)
            .build();
    client.v1().events().inNamespace(namespace).resource(event).create();
    return new Recorded(namespace, name, times);
  }

  /** Counts a repeat on the existing Event; null when that Event is gone. */
  private Recorded bump(Recorded previous, String now, int times) {
    int count = previous.count() + times;
    // Patched through an object that only names the Event: withName(..).patch(..) would read it
    // first, which the shipped RBAC does not allow (create and patch only, like client-go's).
    Event named =
        new EventBuilder()
            .withNewMetadata()
            .withName(previous.name())
            .withNamespace(previous.namespace())
            .endMetadata()
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(previous.namespace())
          .resource(named)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              new JsonObject().put("count", count).put("lastTimestamp", now).encode());
      return new Recorded(previous.namespace(), previous.name(), count);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
