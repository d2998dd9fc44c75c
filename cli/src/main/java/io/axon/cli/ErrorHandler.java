package io.axon.cli;

import io.axon.client.config.ConfigException;
import io.axon.client.config.MissingCredentialsException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns every exception a command throws into one line saying what went wrong and what to do; no
 * stack trace ever reaches the user (set {@code AXON_DEBUG=1} to see one).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  private final CliContext cli;

  ErrorHandler(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = cli.err();
    int code = ExitCodes.FAILURE;
    if (ex instanceof UserException user) {
      code = user.exitCode();
    } else if (ex instanceof MissingCredentialsException) {
      code = ExitCodes.SETUP;
    }
    err.println("error: " + message(ex));
    if (cli.env().containsKey("AXON_DEBUG")) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The one-line message for an exception. */
  String message(Throwable ex) {
    if (ex instanceof UserException
        || ex instanceof ConfigException
        || ex instanceof MissingCredentialsException) {
      return ex.getMessage();
    }
    Throwable unreachable = connectionFailure(ex);
    if (unreachable != null) {
      return "cannot reach the Kubernetes API at %s: %s. Is your kubeconfig right?"
          .formatted(apiUrl(), reason(unreachable));
    }
    if (ex instanceof KubernetesClientException kce) {
      return kubernetesMessage(kce);
    }
    return io.axon.cli.output.PlainMessages.of(ex);
  }

  private String kubernetesMessage(KubernetesClientException ex) {
    int code = ex.getCode();
    Status status = ex.getStatus();
    String serverMessage =
        status != null && status.getMessage() != null ? status.getMessage() : ex.getMessage();
    if (code == 404) {
      if (status != null
          && status.getDetails() != null
          && "namespaces".equals(status.getDetails().getKind())) {
        return "namespace %s not found".formatted(status.getDetails().getName());
      }
      if (Errors.isAxonResource(ex)) {
        return Errors.NOT_INSTALLED;
      }
    }
    if (code == 401) {
      return "the Kubernetes API at %s did not accept your credentials (401): %s"
          .formatted(apiUrl(), serverMessage);
    }
    if (code == 403) {
      return "not allowed by the Kubernetes API (403): " + serverMessage;
    }
    if (code > 0) {
      return "the Kubernetes API answered %d: %s".formatted(code, serverMessage);
    }
    return serverMessage;
  }

  private String apiUrl() {
    String url = cli.apiUrl();
    return url == null ? "(no server configured)" : url;
  }

  /** The network failure behind an exception, if that is what it is. */
  static Throwable connectionFailure(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof javax.net.ssl.SSLException
          || t instanceof java.net.http.HttpConnectTimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.nio.channels.ClosedChannelException
          || t.getClass().getName().startsWith("io.netty.channel.ConnectTimeoutException")
          || t.getClass().getName().contains("AnnotatedConnectException")) {
        return t;
      }
      if (t instanceof IOException
          && t.getCause() == null
          && !(t instanceof java.io.FileNotFoundException)) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String reason(Throwable t) {
    if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
      return "unknown host " + (t.getMessage() == null ? "" : t.getMessage()).strip();
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      // The JDK's HTTP client reports a refused connection as a ConnectException with no message.
      return t instanceof ConnectException ? "connection refused" : t.getClass().getSimpleName();
    }
    // Netty adds the address after a colon: "Connection refused: /127.0.0.1:6443".
    int colon = message.indexOf(": ");
    return colon > 0 && t.getClass().getName().startsWith("io.netty")
        ? message.substring(0, colon)
        : message;
  }
}
