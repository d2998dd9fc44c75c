/**
 * Watching Axon work: Task lifecycle events on the event bus, the TCP event-bus bridge that carries
 * them out of the process, Kubernetes Events, and Prometheus metrics.
 */
package io.axon.controller.observe;
