/**
 * How {@code axon} starts fast: everything here exists for start-up time and nothing here is a
 * command. A command is a fresh JVM that lives well under a second, so the order of work matters
 * more than its amount. Figures and how they were measured: {@code docs/benchmarks.md}, section
 * "CLI start-up".
 *
 * <h2>The launcher and the class-data cache</h2>
 *
 * <p>{@code cli/src/dist/bin/axon} (also {@code bin/axon} of the distribution; {@code ./axon} at
 * the repository root builds the jar first) picks the JVM: the first of {@code AXON_JAVA}, {@code
 * JAVA_HOME}, the {@code java} on {@code PATH} and the JDKs under {@code /usr/lib/jvm} that is Java
 * 21 or later ({@code --verbose} says which and why). It runs the jar with C1 only, the serial
 * collector and a class-data cache: an AOT cache on JDK 25+, an AppCDS archive on 21-24. The cache
 * is made once per jar and JDK by {@link io.axon.cli.startup.TrainingRun}, a main class of its own:
 * {@code --help} and a few {@code get}s against a stand-in API server on 127.0.0.1 that speaks
 * HTTPS with a key made for the run ({@link io.axon.cli.startup.TrainingIdentity}; the jar ships no
 * key). The launcher says on stderr when it trains, since that takes 10-45 s.
 *
 * <h2>In the process</h2>
 *
 * <ul>
 *   <li>{@link io.axon.cli.startup.DefaultKubeClientFactory#forCommandLine} guesses from the raw
 *       arguments ({@link io.axon.cli.startup.ClientPrefetch}) which client the command will want
 *       and makes it on a second thread while picocli reads the command line. A wrong guess costs
 *       nothing but the work: the command gets a fresh client.
 *   <li>While the command waits for that client, {@link io.axon.cli.startup.KeyExchangeWarmUp}
 *       makes the TLS key shares once, so that the handshake finds that code warm.
 *   <li>{@link io.axon.cli.startup.JdkTransport}: the JDK's HTTP client rather than Netty or
 *       Vert.x, shut down and waited for before exit (JDK 21+), or the JVM would wait 300 ms for
 *       its selector thread.
 *   <li>The key store of the kubeconfig's client key is in memory only: no key stretching.
 * </ul>
 *
 * <p>Elsewhere, for the same reason: {@code cli/pom.xml} compiles picocli from its sources (its
 * published Java 5 bytecode stays out of the cache) and gives the jar a short fabric8 kind
 * registry; {@link io.axon.cli.AxonCli} registers only the subcommand a line names; the tables of
 * {@code axon get} read the list as JSON ({@link io.axon.cli.AxonJson}), not through the typed
 * model, whose deserializers Jackson builds anew in every process.
 */
package io.axon.cli.startup;
