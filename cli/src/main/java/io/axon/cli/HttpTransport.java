package io.axon.cli;

import io.fabric8.kubernetes.client.http.HttpClient;

/** Where the clients' HTTP connections come from; closed once, after the command, before exit. */
interface HttpTransport extends AutoCloseable {

  HttpClient.Factory clientFactory();

  /**
   * Stops the transport's threads and waits for them: the JVM waits up to 300 ms at exit for
   * threads that sit in native code, as an idle selector or event loop does.
   */
  @Override
  void close();
}
