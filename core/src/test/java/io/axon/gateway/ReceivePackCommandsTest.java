package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceivePackCommandsTest {
  static final String A = "a".repeat(40);
  static final String ZERO = "0".repeat(40);

  @Test
  void readsUpdatesAndCapabilitiesUpToTheFlush() throws Exception {
    byte[] body =
        concat(
            ReceivePackRefusal.pkt(
                ZERO + " " + A + " refs/heads/axon/t\0report-status side-band-64k agent=git/2\n"),
            ReceivePackRefusal.pkt(A + " " + ZERO + " refs/heads/old\n"),
            "0000PACK...binary".getBytes(StandardCharsets.ISO_8859_1));
    ReceivePackCommands commands = ReceivePackCommands.parse(body, body.length).orElseThrow();
    assertThat(commands.updates())
        .containsExactly(
            new RefUpdate(ZERO, A, "refs/heads/axon/t"), new RefUpdate(A, ZERO, "refs/heads/old"));
    assertThat(commands.capabilities()).contains("report-status", "side-band-64k");
    assertThat(commands.updates().get(1).isDelete()).isTrue();
  }

  @Test
  void asksForMoreUntilTheFlushArrives() throws Exception {
    byte[] line = ReceivePackRefusal.pkt(ZERO + " " + A + " refs/heads/x\0report-status\n");
    assertThat(ReceivePackCommands.parse(line, line.length - 3)).isEmpty();
    assertThat(ReceivePackCommands.parse(line, line.length)).isEmpty();
  }

  @Test
  void aProbeHasNoUpdates() throws Exception {
    byte[] probe = "0000".getBytes(StandardCharsets.US_ASCII);
    assertThat(ReceivePackCommands.parse(probe, 4).orElseThrow().updates()).isEmpty();
  }

  @Test
  void refusesWhatIsNotARefUpdate() {
    byte[] junk = "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> ReceivePackCommands.parse(junk, junk.length))
        .isInstanceOf(ReceivePackCommands.MalformedException.class);
    byte[] bad = concat(ReceivePackRefusal.pkt("hello world\n"), "0000".getBytes());
    assertThatThrownBy(() -> ReceivePackCommands.parse(bad, bad.length))
        .hasMessageContaining("not a ref update");
    byte[] endless = new byte[ReceivePackCommands.MAX_BYTES];
    byte[] start = ReceivePackRefusal.pkt(ZERO + " " + A + " refs/heads/x\n");
    for (int i = 0; i < endless.length; i++) {
      endless[i] = start[i % start.length]; // the last line cut short: more would be needed
    }
    assertThatThrownBy(() -> ReceivePackCommands.parse(endless, endless.length))
        .hasMessageContaining("exceed");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }
}
