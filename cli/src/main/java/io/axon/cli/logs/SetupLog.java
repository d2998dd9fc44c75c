package io.axon.cli.logs;

import io.axon.client.render.TerminalText;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.List;

/**
 * The Workspace's setup step (its files and {@code setupCommand}, an init container that ends
 * before the agent starts) in a Task's log: each of its lines as {@code [setup] ...}, before the
 * agent's. Its own "axon: " prefix is dropped; the tag says where the line comes from.
 */
final class SetupLog {
  static final String TAG = "[setup] ";
  private static final String OWN_PREFIX = "axon: ";

  private SetupLog() {}

  /** Prints the setup step's log, when the pod has one that ran; says so when it cannot. */
  static void print(
      KubernetesClient client, String namespace, Pod pod, PrintWriter out, PrintWriter err) {
    if (!hasSetup(pod) || !setupRan(pod)) {
      return;
    }
    var container =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .inContainer(AgentJobBuilder.SETUP_CONTAINER);
    try (Reader reader = container.getLogReader()) {
      BufferedReader lines = new BufferedReader(reader);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(render(line));
      }
    } catch (IOException | KubernetesClientException e) {
      err.println(
          "warning: the setup step's log cannot be read: "
              + TerminalText.oneLine(String.valueOf(e.getMessage())));
      err.flush();
    }
    out.flush();
  }

  /** One line of the setup step's output as shown. */
  static String render(String line) {
    String text = line.startsWith(OWN_PREFIX) ? line.substring(OWN_PREFIX.length()) : line;
    return TAG + TerminalText.clean(text);
  }

  private static boolean hasSetup(Pod pod) {
    List<Container> init = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
    return init != null
        && init.stream().anyMatch(c -> AgentJobBuilder.SETUP_CONTAINER.equals(c.getName()));
  }

  /** It has a log: it runs, or ran (a pod without word on it is taken at its phase). */
  private static boolean setupRan(Pod pod) {
    if (pod.getStatus() == null) {
      return false;
    }
    List<ContainerStatus> statuses = pod.getStatus().getInitContainerStatuses();
    if (statuses == null || statuses.isEmpty()) {
      String phase = pod.getStatus().getPhase();
      return "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
    }
    return statuses.stream()
        .filter(s -> AgentJobBuilder.SETUP_CONTAINER.equals(s.getName()))
        .anyMatch(
            s ->
                s.getState() != null
                    && (s.getState().getRunning() != null || s.getState().getTerminated() != null));
  }
}
