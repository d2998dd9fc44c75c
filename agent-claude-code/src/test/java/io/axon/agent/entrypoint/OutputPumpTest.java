package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPumpTest {

  @Test
  void copiesBytesUnchangedAndSplitsLines() throws Exception {
    byte[] input =
        "{\"a\":1}\r\nplain ü 🚀\n\nlast without newline".getBytes(StandardCharsets.UTF_8);
    // Deliver in 3-byte pieces so lines and multi-byte characters straddle reads.
    InputStream trickle =
        new ByteArrayInputStream(input) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 3));
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>();
    OutputPump.copy(trickle, out, lines::add);
    assertThat(out.toByteArray()).isEqualTo(input);
    assertThat(lines).containsExactly("{\"a\":1}", "plain ü 🚀", "", "last without newline");
  }
}
