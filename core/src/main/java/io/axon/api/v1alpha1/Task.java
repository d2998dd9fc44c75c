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

/** One run of an AI coding agent, carried out as a Kubernetes Job. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Task")
@Singular("task")
@Plural("tasks")
@ShortNames({"axontask", "axt"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Type",
    jsonPath = ".spec.type",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Job",
    jsonPath = ".status.jobName",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Cost",
    jsonPath = ".status.result.costUSD",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.message",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.size() <= 63",
    message = "Task names are at most 63 characters: the name labels the Task's Job and Pod")
@ValidationRule(
    value = "has(self.spec)",
    message = "a Task needs a spec: type, prompt and credentials")
@ValidationRule(
    value =
        "!has(self.spec) || !has(self.spec.dependsOn) || !(self.metadata.name in self.spec.dependsOn)",
    message = "a Task cannot depend on itself")
public class Task extends CustomResource<TaskSpec, TaskStatus> implements Namespaced {}
