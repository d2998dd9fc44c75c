package io.axon.cli.logs;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.AxonResources;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.client.render.TerminalText;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * Shows a Task's agent log: waits while the pod is not there or Pending (when following), streams
 * the {@code agent} container through a {@link LogRenderer}, and, when following, reports how the
 * Task ended. Shared by {@code axon logs} and {@code axon run -f}.
 */
public final class TaskLogs {
  /** The container of the Task's pod that runs the agent. */
  public static final String AGENT_CONTAINER = "agent";

  private final KubernetesClient client;
  private final String namespace;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Function<String, LogRenderer> renderers;
  private final Duration pollInterval;
  private final Duration finishTimeout;

  /**
   * @param renderers the renderer for a Task's agent type
   * @param pollInterval how often to look at the Task while waiting
   * @param finishTimeout how long to wait, after the log ends, for the Task's final phase
   */
  public TaskLogs(
      KubernetesClient client,
      String namespace,
      PrintWriter out,
      PrintWriter err,
      Function<String, LogRenderer> renderers,
      Duration pollInterval,
      Duration finishTimeout) {
    this.client = client;
    this.namespace = namespace;
    this.out = out;
    this.err = err;
    this.renderers = renderers;
    this.pollInterval = pollInterval;
    this.finishTimeout = finishTimeout;
  }

  /** Shows the log; returns the exit code (1 when following a Task that failed). */
  public int show(String taskName, boolean follow) throws InterruptedException {
    AxonResources resources = new AxonResources(client);
    Task task = (Task) resources.require(ResourceKind.TASK, namespace, taskName);
    String lastNotice = null;
    Pod pod;
    while (true) {
      pod = findPod(task);
      TaskPhase phase = phase(task);
      if (pod != null && agentStarted(pod)) {
        break;
      }
      if (phase != null && phase.isFinished()) {
        // Ended without the agent ever starting (an image that cannot be pulled, a missing
        // Secret): there is no log, only the Task's message.
        return ended(task);
      }
      String notice =
          "Task %s is %s: %s"
              .formatted(
                  taskName,
                  phase == null ? TaskPhase.Pending : phase,
                  Objects.requireNonNullElse(message(task), waitingFor(task, pod)));
      if (!notice.equals(lastNotice)) {
        err.println(notice);
        err.flush();
        lastNotice = notice;
      }
      if (!follow) {
        return ExitCodes.OK;
      }
      Thread.sleep(pollInterval.toMillis());
      task = (Task) resources.require(ResourceKind.TASK, namespace, taskName);
    }

    stream(pod, follow, renderers.apply(task.getSpec() == null ? null : task.getSpec().getType()));
    if (!follow) {
      return ExitCodes.OK;
    }
    return awaitEnd(resources, taskName);
  }

  private void stream(Pod pod, boolean follow, LogRenderer renderer) {
    var container =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .inContainer(AGENT_CONTAINER);
    if (follow) {
      try (LogWatch watch = container.watchLog()) {
        copy(watch.getOutput(), renderer);
      }
    } else {
      try (Reader reader = container.getLogReader()) {
        copy(reader, renderer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void copy(InputStream in, LogRenderer renderer) {
    copy(new InputStreamReader(in, StandardCharsets.UTF_8), renderer);
  }

  private void copy(Reader in, LogRenderer renderer) {
    try {
      BufferedReader lines = new BufferedReader(in);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        for (String rendered : renderer.render(line)) {
          out.println(rendered);
        }
        out.flush();
      }
    } catch (IOException e) {
      // The stream ends this way when the pod goes away mid-read; what was read is shown.
      err.println("warning: the log stream ended early: " + e.getMessage());
      err.flush();
    }
  }

  /** After the log ends: wait for the controller to record the Task's final phase. */
  private int awaitEnd(AxonResources resources, String taskName) throws InterruptedException {
    long deadline = System.nanoTime() + finishTimeout.toNanos();
    while (true) {
      Task task = (Task) resources.require(ResourceKind.TASK, namespace, taskName);
      TaskPhase phase = phase(task);
      if (phase != null && phase.isFinished()) {
        return ended(task);
      }
      if (System.nanoTime() > deadline) {
        err.println(
            "The log ended but task %s is still %s; see `axon get task %s`."
                .formatted(taskName, phase == null ? TaskPhase.Pending : phase, taskName));
        err.flush();
        return ExitCodes.OK;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  private int ended(Task task) {
    String name = task.getMetadata().getName();
    if (phase(task) == TaskPhase.Failed) {
      String message = message(task);
      err.println("task %s failed%s".formatted(name, message == null ? "" : ": " + message));
      err.flush();
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  /** The Task's pod: the one its status names, else the newest carrying its label. */
  private Pod findPod(Task task) {
    String podName = task.getStatus() == null ? null : task.getStatus().getPodName();
    if (podName != null) {
      Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
      if (pod != null) {
        return pod;
      }
    }
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(ApiGroup.TASK_LABEL, task.getMetadata().getName())
        .list()
        .getItems()
        .stream()
        .max(
            Comparator.comparing(
                p -> Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), "")))
        .orElse(null);
  }

  /** Whether the agent container has started, so that it has a log to show. */
  private static boolean agentStarted(Pod pod) {
    if (pod.getStatus() == null) {
      return false;
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      if (AGENT_CONTAINER.equals(status.getName()) && status.getState() != null) {
        return status.getState().getRunning() != null || status.getState().getTerminated() != null;
      }
    }
    // No word on the container yet: go by the pod.
    String phase = pod.getStatus().getPhase();
    return "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String waitingFor(Task task, Pod pod) {
    if (task.getStatus() == null) {
      return "waiting for the controller to pick it up";
    }
    return pod == null ? "waiting for its pod" : "waiting for its pod to start";
  }

  private static TaskPhase phase(Task task) {
    return task.getStatus() == null ? null : task.getStatus().getPhase();
  }

  private static String message(Task task) {
    TaskStatus status = task.getStatus();
    // Status messages carry the agent's words and a stranger's issue text.
    return status == null || status.getMessage() == null || status.getMessage().isBlank()
        ? null
        : TerminalText.oneLine(status.getMessage());
  }
}
