package io.axon.bench;

import io.axon.controller.FakeAgentRuntime;

/**
 * The agent type the scale benchmark's Tasks ask for: a plugin like any other (found through {@code
 * META-INF/services}), so the controller builds the same Jobs it builds for claude-code, whichever
 * agent plugins its jar holds. kwok plays the pods; nothing runs.
 */
public final class BenchAgent extends FakeAgentRuntime {
  public static final String TYPE = "bench-agent";

  public BenchAgent() {
    super(TYPE, "registry.invalid/axon-bench-agent:1", "1", "bench-agent");
  }
}
