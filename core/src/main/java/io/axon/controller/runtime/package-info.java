/**
 * The controller's runtime: what runs the domain code (the Task reconciler, the TaskSpawner loops)
 * and keeps it safe, with java-operator-sdk's semantics on Vert.x.
 *
 * <h2>Informers and their health</h2>
 *
 * <p>fabric8 informers cache every resource the controller reads ({@link
 * io.axon.controller.runtime.ResourceCache}); each change becomes a key: a Task key goes straight
 * into the Task reconciler's work queue, a TaskSpawner key onto the event bus, where the spawner
 * verticle consumes it. {@link io.axon.controller.runtime.InformerHealth} is one informer's state
 * as fabric8 reports it: running (stopped for good means only a restart helps), synced (it had its
 * initial list) and watching (its watch is open now). {@code /healthz} fails while an informer is
 * stopped, {@code /readyz} while one has not synced or is not watching, each naming the informer;
 * {@code axon_informer_up{resource,namespace,state}} shows the same. An informer refused by RBAC or
 * cut off from the API server keeps retrying with fabric8's backoff and recovers by itself once
 * allowed or reachable again; one that has not synced within a minute is logged as an error naming
 * the resource.
 *
 * <h2>The work queue and backoff</h2>
 *
 * <p>Keys wait in a {@link io.axon.controller.runtime.WorkQueue}: one reconcile per key at a time,
 * many events for a waiting key collapse into one, a key that changes while it runs is run again
 * afterwards. Failures wait on {@link io.axon.controller.runtime.Backoff}: exponential, jittered
 * (half to all of the bound), capped; a conflict (409) retries on a shorter scale than an error,
 * and a success forgets the key's failures. A requeue the reconciler asks for is a schedule, not a
 * retry, and is not counted as one. TaskSpawner rounds that fail retry on the same kind of backoff.
 *
 * <h2>Leadership and fencing</h2>
 *
 * <p>With leader election on, only the replica holding the Lease acts. fabric8's elector competes
 * once; on each loss (the Lease taken, renewing failed for a renew deadline, as in an API-server
 * outage) the controller closes the {@link io.axon.controller.runtime.LeaseFence} at once,
 * announces the loss on the event bus, and competes again with a fresh elector after a short
 * jittered backoff. It does not exit: it keeps its warm caches and leads again as soon as the Lease
 * is free; {@code /healthz} fails if no elector can run. The fence is an interceptor on the
 * controller's client: it refuses every write but the Lease's own unless the elector says this
 * replica leads and the last accepted renewal was sent less than a renew deadline ago. So
 * reconciles and spawner rounds in flight when the Lease is lost cannot write after it, and a
 * replica frozen past its deadline (a long GC pause, a stopped node) is fenced the moment it wakes,
 * before its elector notices.
 *
 * <h2>Stopping</h2>
 *
 * <p>In order, each step after the one before has finished: the reconcilers stop taking work and
 * drain what runs (bounded), the observers write their last Events, leader election releases the
 * Lease (a blocking call, on a worker thread), the informers stop, then the health endpoint.
 *
 * <h2>Which thread runs what</h2>
 *
 * <ul>
 *   <li>fabric8's informer threads: informer events, turned into keys. A Task key is handed to the
 *       Task reconciler verticle ({@code TaskReconcilerVerticle.offer}, which moves it onto that
 *       verticle's event loop); a TaskSpawner key is sent on the event bus.
 *   <li>The Task reconciler verticle's event loop: its work queue, leadership, timers; each
 *       reconcile runs on its worker pool ({@code reconcileWorkers} threads), since it blocks on
 *       the API server.
 *   <li>The spawner verticle's event loop: each TaskSpawner's loop state; API calls on its own
 *       small worker pool, source polls asynchronous.
 *   <li>fabric8's elector thread: acquiring and renewing the Lease; it closes the fence and then
 *       announces on the event bus, which each verticle hears on its own event loop.
 *   <li>The health verticle's event loop: {@code /healthz}, {@code /readyz}, {@code /metrics}.
 * </ul>
 *
 * <h2>From "Task added" to "Job created"</h2>
 *
 * <p>Two thread hand-offs, six files:
 *
 * <ol>
 *   <li>{@code runtime/ResourceCache}: the Task informer's handler (fabric8's informer thread)
 *       passes the Task's key to {@code task/TaskReconcilerVerticle.offer}.
 *   <li>Hand-off 1, to the reconciler verticle's event loop: the key joins its {@code
 *       runtime/WorkQueue}, which hands it out when a worker is free.
 *   <li>Hand-off 2, to a reconcile worker: {@code task/TaskReconciler} reads the Task from the
 *       cache, builds the Job with {@code job/AgentJobBuilder}, names it for the attempt with
 *       {@code task/AttemptJobs} and creates it.
 * </ol>
 *
 * <p>The event bus carries only what another verticle consumes: leadership, TaskSpawner keys and
 * polls, and the public Task events.
 */
package io.axon.controller.runtime;
