package io.axon.cli.logs;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.AxonResources;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.output.TaskResults;
import io.axon.cli.run.ControllerLease;
import io.axon.client.render.TerminalText;
import io.axon.client.transcript.KeptTranscript;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

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
  private final BiFunction<String, String, LogRenderer> renderers;
  private final Duration pollInterval;
  private final Duration finishTimeout;
  private final Duration controllerHintAfter;
  private final Clock clock;

  /**
   * @param renderers the renderer for a Task's agent type and model (null: the agent's default)
   * @param pollInterval how often to look at the Task while waiting
   * @param finishTimeout how long to wait, after the log ends, for the Task's final phase
   * @param controllerHintAfter how long a Task may go unnoticed by the controller before the wait
   *     says what to check
   * @param clock the time a Lease's expiry is measured to
   */
  public TaskLogs(
      KubernetesClient client,
      String namespace,
      PrintWriter out,
      PrintWriter err,
      BiFunction<String, String, LogRenderer> renderers,
      Duration pollInterval,
      Duration finishTimeout,
      Duration controllerHintAfter,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.out = out;
    this.err = err;
    this.renderers = renderers;
    this.pollInterval = pollInterval;
    this.finishTimeout = finishTimeout;
    this.controllerHintAfter = controllerHintAfter;
    this.clock = clock;
  }

  /**
   * Shows the log; returns the exit code: 1 when following a Task that failed or whose log could
   * not be read to its end.
   */
  public int show(String taskName, boolean follow) throws InterruptedException {
    AxonResources resources = new AxonResources(client);
    Task task = (Task) resources.require(ResourceKind.TASK, namespace, taskName);
    String lastNotice = null;
    long waitingSince = System.nanoTime();
    boolean hinted = false;
    Pod pod;
    while (true) {
      pod = findPod(task);
      TaskPhase phase = phase(task);
      if (pod != null && agentStarted(pod)) {
        break;
      }
      if (phase != null && phase.isFinished()) {
        // Ended without a pod to read: either the agent never started (an image that cannot be
        // pulled, a missing Secret) or its pod is gone since. Either way the Task's status is all
        // there is.
        if (pod == null && hadPod(task)) {
          return kept(task, follow);
        }
        if (pod != null) {
          SetupLog.print(client, namespace, pod, out, err); // a setupCommand that failed says why
        }
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
      if (!hinted
          && task.getStatus() == null
          && System.nanoTime() - waitingSince >= controllerHintAfter.toNanos()) {
        hinted = true;
        hintController(taskName);
      }
      Thread.sleep(pollInterval.toMillis());
      task = (Task) resources.require(ResourceKind.TASK, namespace, taskName);
    }

    SetupLog.print(client, namespace, pod, out, err);
    boolean whole = stream(pod, follow, renderer(task));
    if (!follow) {
      return ExitCodes.OK;
    }
    int code = awaitEnd(resources, taskName);
    return whole ? code : ExitCodes.FAILURE;
  }

  /** Says, once, that no controller has looked at the Task yet and what to check. */
  private void hintController(String taskName) {
    String why =
        new ControllerLease(client)
            .problem(clock.instant())
            .map(problem -> " (" + problem + ")")
            .orElse("");
    err.println(
        "No controller has picked up task %s after %ds%s; %s."
            .formatted(
                taskName, controllerHintAfter.toSeconds(), why, ControllerLease.WHAT_TO_CHECK));
    err.flush();
  }

  /** Streams the log; false when it could not be read to its end. */
  private boolean stream(Pod pod, boolean follow, LogRenderer renderer)
      throws InterruptedException {
    String podName = pod.getMetadata().getName();
    if (follow) {
      try (InputStream in = FollowedLog.open(client, namespace, podName, AGENT_CONTAINER)) {
        return copy(in, renderer);
      } catch (IOException e) {
        return ended(e);
      }
    }
    var container =
        client.pods().inNamespace(namespace).withName(podName).inContainer(AGENT_CONTAINER);
    try (Reader reader = container.getLogReader()) {
      return copy(reader, renderer);
    } catch (IOException e) {
      return ended(e);
    }
  }

  private boolean copy(InputStream in, LogRenderer renderer) {
    return copy(new InputStreamReader(in, StandardCharsets.UTF_8), renderer);
  }

  private boolean copy(Reader in, LogRenderer renderer) {
    try {
      BufferedReader lines = new BufferedReader(in);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        for (String rendered : renderer.render(line)) {
          out.println(rendered);
        }
        out.flush();
      }
      return true;
    } catch (IOException e) {
      // The stream ends this way when the pod goes away mid-read; what was read is shown.
      return ended(e);
    }
  }

  private boolean ended(IOException e) {
    out.flush();
    err.println(
        "warning: the log stream ended early: "
            + Objects.requireNonNullElse(e.getMessage(), "the connection closed"));
    err.flush();
    return false;
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

  /**
   * The Task ended and its pod is gone: shows the log the controller kept when it finished, else
   * says the log is gone.
   */
  private int kept(Task task, boolean follow) {
    String name = task.getMetadata().getName();
    KeptTranscript kept;
    try {
      ConfigMap map =
          client
              .configMaps()
              .inNamespace(namespace)
              .withName(KeptTranscript.configMapName(name))
              .get();
      if (map == null) {
        return gone(task);
      }
      kept = KeptTranscript.fromConfigMap(map);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      err.println(
          "warning: cannot read the log kept for task %s: %s"
              .formatted(name, TerminalText.oneLine(why(e))));
      return gone(task);
    }
    err.println(
        "The pod of task %s is gone; this is the log kept when it finished.".formatted(name));
    err.flush();
    LogRenderer renderer = renderer(task);
    print(kept.head(), renderer);
    if (kept.truncated()) {
      out.println(kept.marker());
    }
    print(kept.tail(), renderer);
    out.flush();
    return follow ? ended(task) : ExitCodes.OK;
  }

  private static String why(RuntimeException e) {
    if (e instanceof KubernetesClientException kce && kce.getCode() > 0) {
      String said =
          kce.getStatus() != null && kce.getStatus().getMessage() != null
              ? kce.getStatus().getMessage()
              : "";
      return "the Kubernetes API answered %d %s".formatted(kce.getCode(), said).strip();
    }
    return Objects.requireNonNullElse(e.getMessage(), "unreadable");
  }

  private void print(List<String> lines, LogRenderer renderer) {
    for (String line : lines) {
      for (String rendered : renderer.render(line)) {
        out.println(rendered);
      }
    }
  }

  private LogRenderer renderer(Task task) {
    return task.getSpec() == null
        ? renderers.apply(null, null)
        : renderers.apply(task.getSpec().getType(), task.getSpec().getModel());
  }

  /** The Task ended and its pod, with the agent's log, is gone: say so and what is left. */
  private int gone(Task task) {
    String name = task.getMetadata().getName();
    TaskStatus status = task.getStatus();
    err.println(
        "The log of task %s is gone: its pod%s no longer exists. The Task %s."
            .formatted(
                name,
                status.getPodName() == null ? "" : " " + status.getPodName(),
                status.getPhase()));
    if (message(task) != null) {
      err.println("Message: " + message(task));
    }
    String result = TaskResults.summary(status.getResult());
    if (result != null) {
      err.println("Result: " + TerminalText.oneLine(result));
    }
    err.flush();
    return status.getPhase() == TaskPhase.Failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** Whether the Task ever had a pod that ran: the controller recorded one, or a start time. */
  private static boolean hadPod(Task task) {
    TaskStatus status = task.getStatus();
    return status != null && (status.getPodName() != null || status.getStartTime() != null);
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
