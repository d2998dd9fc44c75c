package io.axon.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What a team lets every Task of its namespace reach through the Axon gateway, on top of the
 * gateway's own allowlist and before each Task's annotations: hosts (and method/path for plain
 * HTTP), and branches Tasks may push besides their own. Rules only add.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("GatewayPolicy")
@Singular("gatewaypolicy")
@Plural("gatewaypolicies")
@ShortNames({"axgp"})
@Categories(ApiGroup.CATEGORY)
public class GatewayPolicy extends CustomResource<GatewayPolicySpec, Void> implements Namespaced {}
