/**
 * The {@code axon.io/v1alpha1} API: {@link io.axon.api.v1alpha1.Task}, {@link
 * io.axon.api.v1alpha1.Workspace} and {@link io.axon.api.v1alpha1.TaskSpawner}. The CRDs in {@code
 * deploy/crds} are generated from these classes.
 */
package io.axon.api.v1alpha1;
