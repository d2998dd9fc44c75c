package io.axon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A git repository, with an optional token, that Tasks clone and work in. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Workspace")
@Singular("workspace")
@Plural("workspaces")
@ShortNames({"axonworkspace", "axws"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Repo",
    jsonPath = ".spec.repo",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ref",
    jsonPath = ".spec.ref",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "a Workspace needs a spec: repo")
public class Workspace extends CustomResource<WorkspaceSpec, Void> implements Namespaced {}
