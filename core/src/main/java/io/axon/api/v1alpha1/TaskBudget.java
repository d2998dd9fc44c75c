package io.axon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
 * Daily caps on what the Tasks it selects may spend, checked before a Task's Job is created: a Task
 * over budget waits (phase Pending, condition {@code Accepted=False}, reason {@code OverBudget})
 * until the spending of the last 24 hours falls below the caps again. What finished Tasks spent is
 * kept in the budget's own status, so deleting a Task does not refund it.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("TaskBudget")
@Singular("taskbudget")
@Plural("taskbudgets")
@ShortNames({"axtb"})
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Cost",
    jsonPath = ".status.spentCostUSD",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Cap",
    jsonPath = ".spec.dailyCostUSD",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Tokens",
    jsonPath = ".status.spentTokens",
    type = AdditionalPrinterColumn.Type.INTEGER)
public class TaskBudget extends CustomResource<TaskBudgetSpec, TaskBudgetStatus>
    implements Namespaced {}
