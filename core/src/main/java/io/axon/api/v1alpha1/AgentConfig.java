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

/**
 * The agent's own configuration, shared by the Tasks and TaskSpawners that name it in {@code
 * agentConfigRefs}: global instructions, MCP servers and skill or plugin files. A resource rather
 * than Task fields: a team writes it once, many Tasks and spawners use it, and it can change
 * without re-creating Tasks (whose spec cannot change); Tasks read it when their Job is created.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("AgentConfig")
@Singular("agentconfig")
@Plural("agentconfigs")
@ShortNames({"axonagentconfig", "axac"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "has(self.spec)",
    message = "an AgentConfig needs a spec: instructions, mcpServers or files")
public class AgentConfig extends CustomResource<AgentConfigSpec, Void> implements Namespaced {}
