package io.axon.controller.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Refuses every API write of a replica that does not hold the Lease, right before it is sent: the
 * guard against a deposed leader whose reconciles were already running when it lost the Lease, or
 * that was frozen (a long GC pause, a stopped node) past its lease and wakes up writing.
 *
 * <p>A write passes only while both hold: the elector has said this replica leads and not said
 * otherwise since, and the last renewal of the Lease that the API server accepted was sent less
 * than a renew deadline ago. The second does not wait for the elector's thread to notice: a replica
 * frozen past its deadline is fenced the moment it wakes. Writes to the Lease itself always pass:
 * they are how the replica competes.
 */
public final class LeaseFence implements Interceptor {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final String leasePath;
  private final long renewDeadlineNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong renewSentAt = new AtomicLong();
  private volatile boolean leading;
  private volatile long validUntil;

  /**
   * @param leaseNamespace the Lease's namespace
   * @param leaseName the Lease's name
   * @param renewDeadline how long a renewal keeps this replica leading
   */
  public LeaseFence(String leaseNamespace, String leaseName, Duration renewDeadline) {
    this(leaseNamespace, leaseName, renewDeadline, System::nanoTime);
  }

  LeaseFence(
      String leaseNamespace, String leaseName, Duration renewDeadline, LongSupplier nanoTime) {
    this.leasePath = "/namespaces/" + leaseNamespace + "/leases/" + leaseName;
    this.renewDeadlineNanos = renewDeadline.toNanos();
    this.nanoTime = nanoTime;
    this.validUntil = nanoTime.getAsLong();
  }

  /** A client that sends through {@code client}'s connections, fenced by this. */
  public KubernetesClient fence(KubernetesClient client) {
    return new KubernetesClientImpl(
        client.getHttpClient().newBuilder().addOrReplaceInterceptor("lease-fence", this).build(),
        client.getConfiguration());
  }

  /**
   * A fenced client for the elector: each of its requests gives up after {@code timeout}, and
   * fabric8 does not retry it. The elector checks its renew deadline only between attempts, so one
   * attempt that retried through an API-server outage would keep it "leading" for minutes.
   */
  public KubernetesClient fenceForElection(KubernetesClient client, Duration timeout) {
    int millis = (int) timeout.toMillis();
    Config config =
        new ConfigBuilder(client.getConfiguration())
            .withRequestTimeout(millis)
            .withRequestRetryBackoffLimit(0)
            .build();
    RequestConfig once =
        new RequestConfigBuilder()
            .withRequestTimeout(millis)
            .withRequestRetryBackoffLimit(0)
            .withRequestRetryBackoffInterval(config.getRequestRetryBackoffInterval())
            .build();
    return new KubernetesClientImpl(
        client
            .getHttpClient()
            .newBuilder()
            .addOrReplaceInterceptor("lease-fence", this)
            .tag(once)
            .build(),
        config);
  }

  /** The elector says this replica leads. */
  public void gained() {
    leading = true;
  }

  /** The elector says this replica no longer leads, or it is stopping: no write passes from now. */
  public void lost() {
    leading = false;
  }

  /** Whether a write sent now would pass. */
  public boolean isOpen() {
    return leading && nanoTime.getAsLong() - validUntil < 0;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (READS.contains(request.method())) {
      return;
    }
    if (isLease(request)) {
      renewSentAt.set(nanoTime.getAsLong());
      return;
    }
    if (!isOpen()) {
      throw new NotLeadingException(request.method() + " " + request.uri().getPath());
    }
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (!READS.contains(request.method()) && isLease(request) && response.isSuccessful()) {
      validUntil = renewSentAt.get() + renewDeadlineNanos;
    }
  }

  private boolean isLease(HttpRequest request) {
    String path = request.uri().getPath();
    // A create names the collection; every other write names the Lease.
    return path.endsWith(leasePath)
        || (request.method().equals("POST")
            && path.endsWith(leasePath.substring(0, leasePath.lastIndexOf('/'))));
  }

  /** A write refused because this replica does not hold the Lease. */
  public static final class NotLeadingException extends KubernetesClientException {
    NotLeadingException(String request) {
      super("Not sent, this replica does not hold the Lease: " + request);
    }
  }
}
