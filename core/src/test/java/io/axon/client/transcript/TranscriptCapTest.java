package io.axon.client.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TranscriptCapTest {

  @Test
  void aTranscriptWithinTheCapIsKeptWhole() throws Exception {
    KeptTranscript kept = new TranscriptCap().readAll(new StringReader("a\nb\n\nc")).finish();

    assertThat(kept.head()).containsExactly("a", "b", "", "c");
    assertThat(kept.tail()).isEmpty();
    assertThat(kept.truncated()).isFalse();
  }

  @Test
  void overTheCapTheMiddleIsLeftOutAndCounted() throws Exception {
    // 100 lines of 10 bytes (9 characters and the newline), a cap of 200 bytes: 10 first, 10 last.
    String text = lines(100);

    KeptTranscript kept = new TranscriptCap(200, 1 << 20).readAll(new StringReader(text)).finish();

    assertThat(kept.head()).containsExactlyElementsOf(numbered(0, 10));
    assertThat(kept.tail()).containsExactlyElementsOf(numbered(90, 100));
    assertThat(kept.omittedLines()).isEqualTo(80);
    assertThat(kept.omittedBytes()).isEqualTo(800);
    assertThat(kept.marker())
        .isEqualTo(
            "[axon] … 80 lines (800 bytes) left out here: Axon keeps at most 4 MiB (768 KiB"
                + " compressed) of a finished Task's log …");
  }

  @Test
  void aLineLongerThanHalfTheCapGoesWithTheMiddleWithoutBeingHeld() throws Exception {
    String text = "first\n" + "x".repeat(5_000) + "\nlast\n";

    KeptTranscript kept = new TranscriptCap(100, 1 << 20).readAll(new StringReader(text)).finish();

    assertThat(kept.head()).containsExactly("first");
    assertThat(kept.tail()).containsExactly("last");
    assertThat(kept.omittedLines()).isEqualTo(1);
    assertThat(kept.omittedBytes()).isEqualTo(5_001);
  }

  @Test
  void whenTheKeptLinesCompressPastTheirCapTheCutWidensUntilTheyFit() throws Exception {
    // Random text hardly compresses: 2,000 lines of 100 bytes kept within 200 KB would take more
    // than 20 KB compressed.
    Random random = new Random(1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      for (int c = 0; c < 99; c++) {
        text.append((char) ('!' + random.nextInt(90)));
      }
      text.append('\n');
    }

    KeptTranscript kept =
        new TranscriptCap(200_000, 20_000).readAll(new StringReader(text.toString())).finish();

    assertThat(kept.compressed().length).isLessThanOrEqualTo(20_000);
    assertThat(kept.truncated()).isTrue();
    assertThat(kept.head().size() + kept.tail().size() + kept.omittedLines()).isEqualTo(2_000);
    assertThat(kept.omittedBytes()).isEqualTo(kept.omittedLines() * 100);
    List<String> all = List.of(text.toString().split("\n"));
    assertThat(kept.head()).isEqualTo(all.subList(0, kept.head().size()));
    assertThat(kept.tail()).isEqualTo(all.subList(all.size() - kept.tail().size(), all.size()));
  }

  @Test
  void theConfigMapIsOwnedByTheTaskAndGivesTheLinesAndTheCutBack() throws Exception {
    KeptTranscript kept =
        new TranscriptCap(200, 1 << 20).readAll(new StringReader(lines(100))).finish();
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder().withName("t1").withNamespace("ns").withUid("u-1").build());

    ConfigMap map = kept.toConfigMap(task, "t1-abcde");

    assertThat(map.getMetadata().getName()).isEqualTo("t1-axon-log");
    assertThat(map.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(map.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("Task");
              assertThat(owner.getUid()).isEqualTo("u-1");
            });
    assertThat(map.getImmutable()).isTrue();
    assertThat(map.getData()).containsEntry("pod", "t1-abcde");
    assertThat(KeptTranscript.fromConfigMap(map)).isEqualTo(kept);
  }

  @Test
  void aConfigMapThatInflatesPastTheCapIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i <= KeptTranscript.MAX_INFLATED >> 20; i++) {
        gz.write(zeros);
      }
    }
    ConfigMap map = new ConfigMap();
    map.setMetadata(new ObjectMetaBuilder().withName("t1-axon-log").build());
    map.setBinaryData(
        java.util.Map.of(
            KeptTranscript.LINES_KEY, Base64.getEncoder().encodeToString(bytes.toByteArray())));

    assertThatThrownBy(() -> KeptTranscript.fromConfigMap(map))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not readable: the transcript inflates past");
  }

  @Test
  void aConfigMapWithoutATranscriptSaysSo() {
    ConfigMap map = new ConfigMap();
    map.setMetadata(new ObjectMetaBuilder().withName("t1-axon-log").build());

    assertThatThrownBy(() -> KeptTranscript.fromConfigMap(map))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfigMap t1-axon-log keeps no transcript");
  }

  @Test
  void utf8IsCountedInBytes() throws Exception {
    // "é" is 2 bytes: 4 of them and the newline make 9 bytes, so a 20-byte cap keeps one line each
    // side of the cut.
    String text = "éééé\n".repeat(5);

    KeptTranscript kept = new TranscriptCap(20, 1 << 20).readAll(new StringReader(text)).finish();

    assertThat(kept.head()).containsExactly("éééé");
    assertThat(kept.tail()).containsExactly("éééé");
    assertThat(kept.omittedBytes()).isEqualTo(27);
  }

  /** Lines "line-0000" ... of 9 characters each. */
  private static String lines(int count) {
    StringBuilder text = new StringBuilder();
    numbered(0, count).forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static List<String> numbered(int from, int to) {
    List<String> lines = new ArrayList<>();
    IntStream.range(from, to).forEach(i -> lines.add("line-%04d".formatted(i)));
    return lines;
  }
}
