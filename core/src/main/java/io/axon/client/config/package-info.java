/**
 * The user's {@code ~/.axon/config.yaml}: reading it ({@link io.axon.client.config.ConfigFile}),
 * its keys ({@link io.axon.client.config.AxonConfig}) and how they combine with command-line flags
 * ({@link io.axon.client.config.RunSettings}). Shared by the CLI and the local runner.
 */
package io.axon.client.config;
