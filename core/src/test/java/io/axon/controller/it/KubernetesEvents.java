package io.axon.controller.it;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Kubernetes Events about one object, read back from the API server as {@code kubectl describe}
 * and {@code kubectl events} read them: core/v1 (what the controller writes) and the
 * events.k8s.io/v1 view the server derives from the same objects.
 */
final class KubernetesEvents {
  private KubernetesEvents() {}

  /** The object's core/v1 Events, oldest first (the recorder's names sort by time). */
  static List<Event> about(KubernetesClient client, HasMetadata object) {
    return client
        .v1()
        .events()
        .inNamespace(object.getMetadata().getNamespace())
        .withField("involvedObject.uid", object.getMetadata().getUid())
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }

  /** The same Events through the events.k8s.io/v1 API, oldest first. */
  static List<io.fabric8.kubernetes.api.model.events.v1.Event> regarding(
      KubernetesClient client, HasMetadata object) {
    return client
        .events()
        .v1()
        .events()
        .inNamespace(object.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> object.getMetadata().getUid().equals(e.getRegarding().getUid()))
        .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
        .toList();
  }

  /** Waits until the object's Events satisfy the condition (they are written asynchronously). */
  static List<Event> await(
      KubernetesClient client,
      HasMetadata object,
      Duration timeout,
      String what,
      Predicate<List<Event>> condition) {
    return Eventually.await(
        timeout,
        what + " about " + object.getKind() + " " + object.getMetadata().getName(),
        () -> about(client, object),
        condition);
  }

  static List<String> reasons(List<Event> events) {
    return events.stream().map(Event::getReason).toList();
  }
}
