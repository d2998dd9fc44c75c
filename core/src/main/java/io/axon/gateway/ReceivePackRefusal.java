package io.axon.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a {@code git-receive-pack} response that refuses a push in words git shows the agent:
 * with report-status each ref gets {@code ng <ref> <reason>} (git prints "! [remote rejected] ...
 * (reason)"), plus a "remote:" line on side band 2 when the client reads side bands; without
 * report-status an {@code ERR} pkt-line (git prints "remote error: ...").
 */
public final class ReceivePackRefusal {
  private static final int MAX_PAYLOAD = 65515; // side-band-64k: 65520 minus length and band

  private ReceivePackRefusal() {}

  public static byte[] body(
      List<RefUpdate> updates, Set<String> capabilities, Map<String, String> refused) {
    if (!capabilities.contains("report-status") && !capabilities.contains("report-status-v2")) {
      String first = refused.entrySet().iterator().next().getValue();
      return pkt("ERR " + first);
    }
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    write(report, pkt("unpack ok\n"));
    for (RefUpdate update : updates) {
      String reason =
          refused.getOrDefault(
              update.ref(), "axon gateway: not pushed, another ref in this push was refused");
      write(report, pkt("ng " + update.ref() + " " + oneLine(reason) + "\n"));
    }
    write(report, flush());
    boolean sideBand = capabilities.contains("side-band-64k") || capabilities.contains("side-band");
    if (!sideBand) {
      return report.toByteArray();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> refusal : refused.entrySet()) {
      write(out, band(2, (refusal.getValue() + " (" + refusal.getKey() + ")\n").getBytes(UTF8)));
    }
    byte[] reportBytes = report.toByteArray();
    int chunk = capabilities.contains("side-band-64k") ? MAX_PAYLOAD : 995;
    for (int at = 0; at < reportBytes.length; at += chunk) {
      byte[] part = new byte[Math.min(chunk, reportBytes.length - at)];
      System.arraycopy(reportBytes, at, part, 0, part.length);
      write(out, band(1, part));
    }
    write(out, flush());
    return out.toByteArray();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String oneLine(String reason) {
    return reason.replaceAll("[\\r\\n]+", " ");
  }

  static byte[] pkt(String payload) {
    return pkt(payload.getBytes(UTF8));
  }

  static byte[] pkt(byte[] payload) {
    byte[] out = new byte[payload.length + 4];
    byte[] length = String.format("%04x", payload.length + 4).getBytes(UTF8);
    System.arraycopy(length, 0, out, 0, 4);
    System.arraycopy(payload, 0, out, 4, payload.length);
    return out;
  }

  private static byte[] band(int band, byte[] data) {
    byte[] payload = new byte[data.length + 1];
    payload[0] = (byte) band;
    System.arraycopy(data, 0, payload, 1, data.length);
    return pkt(payload);
  }

  private static byte[] flush() {
    return "0000".getBytes(UTF8);
  }

  private static void write(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }
}
