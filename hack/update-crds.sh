#!/usr/bin/env bash
# Regenerates the CRDs from the model classes in core and copies them into deploy/crds.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl core -am process-classes
for crd in tasks taskspawners workspaces agentconfigs taskbudgets gatewaypolicies; do
  cp "core/target/classes/META-INF/fabric8/${crd}.axon.io-v1.yml" "deploy/crds/${crd}.axon.io.yaml"
  cp "deploy/crds/${crd}.axon.io.yaml" "deploy/helm/axon/crds/"
done
echo "deploy/crds and deploy/helm/axon/crds updated"
