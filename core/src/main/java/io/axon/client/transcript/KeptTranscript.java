package io.axon.client.transcript;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A finished Task's agent log as the controller keeps it: the ConfigMap {@code <task>-axon-log},
 * owned by the Task (so it goes with it), its lines gzip-compressed in {@code binaryData}. A
 * ConfigMap because it is namespaced, garbage-collected with its owner, readable by whoever may
 * read the Task's namespace, and needs no storage or CRD of its own; not a Secret because the agent
 * never holds a credential (the gateway injects them). Lines left out in the middle ({@link
 * TranscriptCap}) are counted in {@code data}, not marked in the lines, so no agent output can pass
 * for the marker.
 *
 * @param head the lines before the cut (all of them when nothing was left out)
 * @param omittedLines how many lines were left out between head and tail
 * @param omittedBytes how many bytes those lines had
 * @param tail the lines after the cut
 */
public record KeptTranscript(
    List<String> head, long omittedLines, long omittedBytes, List<String> tail) {
  static final String NAME_SUFFIX = "-axon-log";
  static final String LINES_KEY = "transcript.gz";
  static final String HEAD_LINES_KEY = "headLines";
  static final String OMITTED_LINES_KEY = "omittedLines";
  static final String OMITTED_BYTES_KEY = "omittedBytes";
  static final String POD_KEY = "pod";

  /** The most a kept transcript may inflate to: the cap, and a line's newline each. */
  static final int MAX_INFLATED = 2 * TranscriptCap.MAX_KEPT_BYTES;

  public KeptTranscript {
    head = List.copyOf(head);
    tail = List.copyOf(tail);
  }

  /** The ConfigMap a Task's transcript is kept in (Task names are at most 63 characters). */
  public static String configMapName(String taskName) {
    return taskName + NAME_SUFFIX;
  }

  public boolean truncated() {
    return omittedLines > 0;
  }

  /** What stands where lines were left out. */
  public String marker() {
    return ("[axon] … %d lines (%d bytes) left out here: Axon keeps at most %s of a finished"
            + " Task's log …")
        .formatted(omittedLines, omittedBytes, TranscriptCap.describeCap());
  }

  /** The ConfigMap that keeps this transcript of {@code task}'s pod {@code podName}. */
  public ConfigMap toConfigMap(Task task, String podName) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(configMapName(task.getMetadata().getName()))
        .withNamespace(task.getMetadata().getNamespace())
        .addToLabels(ApiGroup.TASK_LABEL, task.getMetadata().getName())
        .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
        .addToOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(task.getApiVersion())
                .withKind(task.getKind())
                .withName(task.getMetadata().getName())
                .withUid(task.getMetadata().getUid())
                .build())
        .endMetadata()
        .withImmutable(true)
        .addToData(HEAD_LINES_KEY, Integer.toString(head.size()))
        .addToData(OMITTED_LINES_KEY, Long.toString(omittedLines))
        .addToData(OMITTED_BYTES_KEY, Long.toString(omittedBytes))
        .addToData(POD_KEY, Objects.requireNonNullElse(podName, ""))
        .addToBinaryData(LINES_KEY, Base64.getEncoder().encodeToString(gzip(lines())))
        .build();
  }

  /** The transcript a ConfigMap keeps; an {@link IllegalArgumentException} when it keeps none. */
  public static KeptTranscript fromConfigMap(ConfigMap map) {
    Map<String, String> binary = Objects.requireNonNullElse(map.getBinaryData(), Map.of());
    Map<String, String> data = Objects.requireNonNullElse(map.getData(), Map.of());
    String encoded = binary.get(LINES_KEY);
    if (encoded == null) {
      throw new IllegalArgumentException(
          "ConfigMap " + map.getMetadata().getName() + " keeps no transcript");
    }
    List<String> lines;
    try {
      lines = gunzip(Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the transcript in ConfigMap "
              + map.getMetadata().getName()
              + " is not readable: "
              + e.getMessage(),
          e);
    }
    int headLines = (int) Math.min(lines.size(), number(data, HEAD_LINES_KEY, lines.size()));
    return new KeptTranscript(
        lines.subList(0, headLines),
        number(data, OMITTED_LINES_KEY, 0),
        number(data, OMITTED_BYTES_KEY, 0),
        lines.subList(headLines, lines.size()));
  }

  /** The gzip of the kept lines, one per line; what counts against the compressed cap. */
  byte[] compressed() {
    return gzip(lines());
  }

  private List<String> lines() {
    List<String> all = new ArrayList<>(head.size() + tail.size());
    all.addAll(head);
    all.addAll(tail);
    return all;
  }

  private static long number(Map<String, String> data, String key, long otherwise) {
    try {
      String value = data.get(key);
      return value == null ? otherwise : Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static byte[] gzip(List<String> lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<String> gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      // Bounded: a ConfigMap anyone in the namespace may write must not inflate without limit.
      byte[] raw = in.readNBytes(MAX_INFLATED + 1);
      if (raw.length > MAX_INFLATED) {
        throw new IllegalArgumentException(
            "the transcript inflates past " + MAX_INFLATED + " bytes");
      }
      String text = new String(raw, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return lines;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          Objects.requireNonNullElse(e.getMessage(), "not gzip data"), e);
    }
  }
}
