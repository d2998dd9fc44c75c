"""A throwaway Kubernetes API server on 127.0.0.1 for the controller image's class-archive training.

etcd and kube-apiserver from the binaries hack/control-plane/build.sh provides, started with the
flags io.axon.controller.it.ControlPlane uses, one static token of system:masters, Axon's CRDs from
deploy/crds, the namespace axon-system (the leader-election Lease) and a few Tasks in default, so
that the training run also goes through the reconcile path. Used as a context manager: leaving it
stops both processes and deletes their files, on every path (the processes also die with this one,
through PR_SET_PDEATHSIG, should it be killed outright).
"""
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

START_TIMEOUT = 120  # seconds, for each of etcd, kube-apiserver and the CRDs


class ApiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TrainingApiServer:
    def __init__(self, root, tasks=10):
        self.root = root
        self.tasks = tasks
        self.processes = []
        self.work = None
        self.token = secrets.token_hex(16)
        self.port = None

    # ---- lifecycle ----------------------------------------------------------------------------

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes.clear()
        if self.work:
            shutil.rmtree(self.work, ignore_errors=True)

    def _start(self):
        binaries = Path(subprocess.run([str(self.root / "hack/control-plane/build.sh")], check=True,
                                       capture_output=True, text=True).stdout.strip())
        self.work = Path(tempfile.mkdtemp(prefix="axon-training-api-"))
        (self.work / "tokens.csv").write_text(f"{self.token},axon-training,axon-training,system:masters\n")
        subprocess.run(["openssl", "genpkey", "-quiet", "-algorithm", "RSA", "-out", str(self.work / "sa.key")],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", str(self.work / "sa.key"), "-pubout", "-out",
                        str(self.work / "sa.pub")], check=True, capture_output=True)
        etcd_port, peer_port, self.port = _free_port(), _free_port(), _free_port()
        etcd = self._launch("etcd", [
            str(binaries / "etcd"), "--name=axon-training", f"--data-dir={self.work / 'etcd'}",
            f"--listen-client-urls=http://127.0.0.1:{etcd_port}",
            f"--advertise-client-urls=http://127.0.0.1:{etcd_port}",
            f"--listen-peer-urls=http://127.0.0.1:{peer_port}",
            f"--initial-advertise-peer-urls=http://127.0.0.1:{peer_port}",
            f"--initial-cluster=axon-training=http://127.0.0.1:{peer_port}",
            "--unsafe-no-fsync", "--log-level=warn"])
        self._wait(etcd, "etcd /health", lambda: urllib.request.urlopen(
            f"http://127.0.0.1:{etcd_port}/health", timeout=2).status == 200)
        api = self._launch("kube-apiserver", [
            str(binaries / "kube-apiserver"), "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
            f"--secure-port={self.port}", f"--etcd-servers=http://127.0.0.1:{etcd_port}",
            f"--cert-dir={self.work / 'certs'}", f"--token-auth-file={self.work / 'tokens.csv'}",
            "--authorization-mode=RBAC", "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            f"--service-account-key-file={self.work / 'sa.pub'}",
            f"--service-account-signing-key-file={self.work / 'sa.key'}",
            "--service-cluster-ip-range=10.96.0.0/16", "--endpoint-reconciler-type=none"])
        # The certificate file appears empty first: wait until it reads as one.
        self._wait(api, "kube-apiserver's serving certificate", self._trust_certificate)
        self._wait(api, "kube-apiserver /readyz", lambda: self._request("GET", "/readyz", raw=True) == b"ok")
        self._seed(api)

    def _trust_certificate(self):
        self._tls = ssl.create_default_context(cafile=str(self.ca_path()))
        return True

    def _launch(self, name, command):
        log = open(self.work / f"{name}.log", "wb")
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=_die_with_parent)
        process.name = name
        self.processes.append(process)
        return process

    def _wait(self, process, what, condition):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if condition():
                    return
            except (OSError, ApiError, KeyError):
                pass  # not there yet
            if process.poll() is not None:
                raise SystemExit(f"training API server: {process.name} exited ({process.returncode}) "
                                 f"while waiting for {what}:\n{self.log_tail(process.name)}")
            if time.monotonic() > deadline:
                raise SystemExit(f"training API server: no {what} after {START_TIMEOUT} s:\n"
                                 f"{self.log_tail(process.name)}")
            time.sleep(0.1)

    def log_tail(self, name, lines=20):
        path = self.work / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    # ---- contents -----------------------------------------------------------------------------

    def _seed(self, api):
        crds = []
        for path in sorted((self.root / "deploy/crds").glob("*.yaml")):
            for doc in yaml.safe_load_all(path.read_text()):
                if doc and doc.get("kind") == "CustomResourceDefinition":
                    self._request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", doc)
                    crds.append(doc["metadata"]["name"])
        if "tasks.axon.io" not in crds:
            raise SystemExit("training API server: deploy/crds has no tasks.axon.io")

        def established():
            for name in crds:
                crd = self._request("GET", f"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}")
                if not any(c["type"] == "Established" and c["status"] == "True"
                           for c in crd.get("status", {}).get("conditions", [])):
                    return False
            return True

        self._wait(api, "Axon's CRDs established", established)
        self._request("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace",
                                                     "metadata": {"name": "axon-system"}})
        tasks = yaml.safe_load((self.root / "deploy/crds/tasks.axon.io.yaml").read_text())
        version = next(v["name"] for v in tasks["spec"]["versions"] if v.get("storage"))
        for i in range(self.tasks):
            self._request("POST", f"/apis/axon.io/{version}/namespaces/default/tasks", {
                "apiVersion": f"axon.io/{version}", "kind": "Task",
                "metadata": {"name": f"training-task-{i}"},
                "spec": {"type": "claude-code", "prompt": "do it",
                         "credentials": {"type": "api-key", "secretRef": {"name": "axon-credentials"}}}})

    def _request(self, method, path, body=None, raw=False):
        request = urllib.request.Request(
            f"https://127.0.0.1:{self.port}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=self._tls, timeout=10) as response:
                data = response.read()
        except urllib.error.HTTPError as e:
            raise ApiError(e.code, f"training API server: {method} {path}: {e.code} {e.read()[:500]!r}")
        return data if raw else json.loads(data)

    def delete_lease(self, namespace, name):
        """So that the next controller start does not wait for the last one's Lease to expire."""
        try:
            self._request("DELETE", f"/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}")
        except ApiError as e:
            if e.code != 404:
                raise

    # ---- for the client -----------------------------------------------------------------------

    def ca_path(self):
        return self.work / "certs/apiserver.crt"

    def kubeconfig(self, ca_file):
        """A kubeconfig for the admin user; ca_file is where the client will find ca_path()."""
        return yaml.safe_dump({
            "apiVersion": "v1", "kind": "Config",
            "clusters": [{"name": "training", "cluster": {"server": f"https://127.0.0.1:{self.port}",
                                                          "certificate-authority": str(ca_file)}}],
            "users": [{"name": "training", "user": {"token": self.token}}],
            "contexts": [{"name": "training", "context": {"cluster": "training", "user": "training"}}],
            "current-context": "training"})
