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

/** Watches a source such as GitHub Issues and creates a Task for each matching item. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("TaskSpawner")
@Singular("taskspawner")
@Plural("taskspawners")
@ShortNames({"axonspawner", "axts"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Type",
    jsonPath = ".spec.taskTemplate.type",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Interval",
    jsonPath = ".spec.pollInterval",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Found",
    jsonPath = ".status.itemsFound",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Active",
    jsonPath = ".status.activeTasks",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Created",
    jsonPath = ".status.tasksCreated",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Last Poll",
    jsonPath = ".status.lastPollTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.size() <= 63",
    message =
        "TaskSpawner names are at most 63 characters: the name labels every Task the spawner"
            + " creates")
@ValidationRule(
    value = "has(self.spec)",
    message = "a TaskSpawner needs a spec: when and taskTemplate")
public class TaskSpawner extends CustomResource<TaskSpawnerSpec, TaskSpawnerStatus>
    implements Namespaced {}
