package io.axon.controller.status;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A container of the agent's pod that waits because its image cannot be pulled, from the kubelet's
 * waiting reason. {@code InvalidImageName} and {@code ErrImageNeverPull} never heal by themselves;
 * {@code ErrImagePull} and {@code ImagePullBackOff} may (a registry hiccup), so they get a grace
 * period first.
 *
 * @param container the container's name (clone, setup, agent)
 * @param image the image it waits for
 * @param reason the kubelet's waiting reason
 * @param detail the kubelet's message, or the reason when it gave none
 */
public record ImagePullProblem(String container, String image, String reason, String detail) {
  private static final Set<String> PERMANENT = Set.of("InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> TRANSIENT = Set.of("ErrImagePull", "ImagePullBackOff");

  /** The first container of the pod (init containers first) that waits for its image. */
  public static Optional<ImagePullProblem> of(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus container : all) {
      ContainerStateWaiting waiting =
          container.getState() == null ? null : container.getState().getWaiting();
      if (waiting != null
          && (PERMANENT.contains(waiting.getReason()) || TRANSIENT.contains(waiting.getReason()))) {
        String detail =
            waiting.getMessage() == null || waiting.getMessage().isBlank()
                ? waiting.getReason()
                : waiting.getMessage().strip();
        return Optional.of(
            new ImagePullProblem(
                container.getName(), container.getImage(), waiting.getReason(), detail));
      }
    }
    return Optional.empty();
  }

  /** Whether waiting longer cannot help (a malformed name, or a pull policy of Never). */
  public boolean permanent() {
    return PERMANENT.contains(reason);
  }

  /** One line naming the image, the container and the kubelet's reason and message. */
  public String describe() {
    return "Cannot pull image %s for container %s (%s): %s"
        .formatted(image, container, reason, detail);
  }
}
