{{/* The ClusterRole's rules of deploy/controller/rbac.yaml, with their reasons: used by the
     ClusterRole, or by one Role per watched namespace. */}}
{{- define "axon.rules" -}}
rules:
  # Informer caches of Axon's own resources.
  - apiGroups: ["axon.io"]
    resources: ["tasks", "workspaces", "taskspawners"]
    verbs: ["get", "list", "watch"]
  # A Task's AgentConfigs are read by name once, when its Job is created.
  - apiGroups: ["axon.io"]
    resources: ["agentconfigs"]
    verbs: ["get"]
  # TaskSpawners create one Task per work item; a finished Task is deleted after its
  # spec.ttlSecondsAfterFinished. Patch: a reported Task's annotations remember its GitHub
  # comment's and Check Run's ids (spec.report of its spawner).
  - apiGroups: ["axon.io"]
    resources: ["tasks"]
    verbs: ["create", "delete", "patch"]
  # TaskBudgets are cached by an informer and read before a Task's Job is created and when it
  # finishes; what a finished Task spent is recorded in the budget's status (a live get on conflict).
  - apiGroups: ["axon.io"]
    resources: ["taskbudgets"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["axon.io"]
    resources: ["taskbudgets/status"]
    verbs: ["update"]
  # Status is written only through the status subresources, with optimistic concurrency.
  - apiGroups: ["axon.io"]
    resources: ["tasks/status", "taskspawners/status"]
    verbs: ["update"]
  # Each Job is owned by its Task with blockOwnerDeletion, which clusters that enforce
  # owner-reference permissions (the OwnerReferencesPermissionEnforcement admission plugin, on in
  # OpenShift) allow only to who may update the owner's finalizers. Nothing else is done with it.
  - apiGroups: ["axon.io"]
    resources: ["tasks/finalizers"]
    verbs: ["update"]
  # One Job per Task: cached (list/watch), created once, read back when a create races, suspended
  # (patch) when its Task failed before it did (an image that cannot be pulled).
  - apiGroups: ["batch"]
    resources: ["jobs"]
    verbs: ["get", "list", "watch", "create", "patch"]
  # Pods of agent Jobs are watched to report phase, start time, waiting reasons and the
  # agent's result summary (its termination message). The controller never creates pods.
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch"]
  # When a Task finishes, its agent container's log is read once and kept, compressed and capped,
  # in a ConfigMap <task>-axon-log owned by the Task (so `axon logs` shows the run after the pod
  # is gone). get: whether it is kept already; create only, never update or delete: the garbage
  # collector removes it with its Task.
  - apiGroups: [""]
    resources: ["pods/log"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "create"]
  # A TaskSpawner reads the GITHUB_TOKEN of its Workspace's Secret, by name, to poll GitHub, and
  # the Task controller reads a Workspace's Secret's axon.io/allowed-hosts annotation before a Job
  # may use it. Only get: no list or watch, so no Secret is read that a Workspace does not name.
  # (RBAC cannot narrow get by annotation or name pattern; the namespaced install narrows it to
  # the namespaces it serves.)
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
  # With gateway.enabled: each Task's gateway token Secret (<task>-axon-gateway) is created
  # before its Job, and one left by an earlier Task of the same name is replaced. Neither verb
  # reads another Secret.
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["create", "delete"]
  # With gateway.enabled: the NetworkPolicy axon-agent-egress in each namespace where pods go
  # through the gateway (they reach only DNS and the gateway), created before the Job and put back
  # as it should be; its owners are the Tasks using it, so the garbage collector deletes it.
  # Delete only because clusters enforcing owner-reference permissions (the
  # OwnerReferencesPermissionEnforcement admission plugin) let only who may delete an object change
  # its owners; the controller never deletes one.
  - apiGroups: ["networking.k8s.io"]
    resources: ["networkpolicies"]
    verbs: ["get", "create", "update", "delete"]
  # Kubernetes Events on Tasks and TaskSpawners (Job created, started, finished, source errors).
  - apiGroups: ["", "events.k8s.io"]
    resources: ["events"]
    verbs: ["create", "patch"]
  # A Job whose pod the API refused (LimitRange, ResourceQuota) says why only in its FailedCreate
  # Events: an informer lists and watches them (field selector reason=FailedCreate, Jobs only).
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["list", "watch"]
{{- end }}
