package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseFenceTest {
  static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/axon-system/leases/axon";
  static final String JOBS = "/apis/batch/v1/namespaces/team/jobs";

  final AtomicLong now = new AtomicLong(1_000);
  final LeaseFence fence = new LeaseFence("axon-system", "axon", Duration.ofNanos(100), now::get);

  @Test
  void writesPassOnlyAfterARenewalWhileLeading() {
    assertThat(fence.isOpen()).isFalse();
    assertRefused("POST", JOBS);

    renew(200);
    assertRefused("POST", JOBS); // renewed, but the elector has not said it leads
    fence.gained();
    fence.before(null, request("POST", JOBS), null);
    fence.before(null, request("PUT", JOBS + "/a/status"), null);
  }

  @Test
  void aReplicaThatMissedItsRenewDeadlineIsFencedBeforeTheElectorNotices() {
    renew(200);
    fence.gained();
    now.set(1_000 + 99);
    fence.before(null, request("PATCH", JOBS + "/a"), null);
    now.set(1_000 + 100); // a long pause: the deadline passed, the elector still thinks it leads
    assertRefused("PATCH", JOBS + "/a");
  }

  @Test
  void losingClosesAtOnceAndReadsAndLeaseWritesAlwaysPass() {
    renew(200);
    fence.gained();
    fence.lost();
    assertRefused("DELETE", JOBS + "/a");
    fence.before(null, request("GET", JOBS), null);
    fence.before(null, request("PUT", LEASE), null);
    fence.before(null, request("POST", LEASE.substring(0, LEASE.lastIndexOf('/'))), null);
  }

  @Test
  void aRefusedRenewalDoesNotExtendTheFence() {
    renew(200);
    fence.gained();
    fence.before(null, request("PUT", LEASE), null);
    fence.after(request("PUT", LEASE), response(409), null);
    now.set(1_000 + 100);
    assertThat(fence.isOpen()).isFalse();
  }

  private void renew(int code) {
    fence.before(null, request("PUT", LEASE), null);
    fence.after(request("PUT", LEASE), response(code), null);
  }

  private void assertRefused(String method, String path) {
    assertThatThrownBy(() -> fence.before((BasicBuilder) null, request(method, path), null))
        .isInstanceOf(LeaseFence.NotLeadingException.class)
        .hasMessage("Not sent, this replica does not hold the Lease: " + method + " " + path);
  }

  static HttpRequest request(String method, String path) {
    return (HttpRequest)
        Proxy.newProxyInstance(
            HttpRequest.class.getClassLoader(),
            new Class<?>[] {HttpRequest.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "method" -> method;
                  case "uri" -> URI.create("https://127.0.0.1:6443" + path);
                  default -> null;
                });
  }

  static HttpResponse<?> response(int code) {
    return (HttpResponse<?>)
        Proxy.newProxyInstance(
            HttpResponse.class.getClassLoader(),
            new Class<?>[] {HttpResponse.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "code" -> code;
                  case "isSuccessful" -> code >= 200 && code < 300;
                  default -> null;
                });
  }
}
