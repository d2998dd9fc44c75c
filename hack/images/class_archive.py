"""The controller image's application class archive (JDK 17 dynamic AppCDS; issue #12).

The image's ENTRYPOINT names the archive (-XX:SharedArchiveFile=PATH); build.py then calls train()
after the top layer's COPY steps. A training run starts the ENTRYPOINT in the image's own root
filesystem (the base layer unpacked, the top layer's files over it with modification time 0, as
the layer tar records them), with the image's own JRE, as root (see start_to_leader), with the Deployment's
JAVA_TOOL_OPTIONS and -XX:ArchiveClassesAtExit instead of -XX:SharedArchiveFile, against a training
API server on 127.0.0.1 (training_api_server.py). Once the controller leads and has started, it is
sent SIGTERM and the JVM writes the archive as it exits. A second start, as the image runs it plus
-Xlog:class+load, checks that the archive is used: JDK 17 silently starts without an archive it
cannot use (a missing file, another jar size or modification time, other JVM flags), and a build
that shipped such an archive would lose the gain without a word.

Why not a Dockerfile RUN: the base has no shell, and the archive depends on the jar, which the top
layer adds after the last RUN. See docs/benchmarks.md, "Controller start with a class archive".
"""
import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import yaml

from training_api_server import TrainingApiServer, _die_with_parent, _free_port

FLAG = "-XX:SharedArchiveFile="
TRAINING_DIR = "tmp/axon-class-archive"  # inside the scratch root filesystem, never in a layer
DEPLOYMENT = "deploy/controller/deployment.yaml"
SETTINGS = "deploy/controller/config.yaml"
START_TIMEOUT = 300  # seconds to leader; a loaded 2-core machine took 15 s in a 1-CPU pod
EXIT_TIMEOUT = 120  # seconds for the JVM to write the archive and exit
MIN_SHARE = 0.8  # of the classes the check run loads, from an archive (97 % when measured)


def archive_path(entrypoint):
    """The archive the ENTRYPOINT names, or None when it names none."""
    paths = [w[len(FLAG):] for w in entrypoint if w.startswith(FLAG)]
    return paths[0] if paths else None


def inputs(root):
    """What the archive depends on besides the jar and the JRE (the caller's key covers those): the
    Deployment's JVM options, the settings the training runs with, and this code."""
    here = Path(__file__).resolve().parent
    return [tool_options(root), (root / SETTINGS).read_bytes(),
            (here / "class_archive.py").read_bytes(), (here / "training_api_server.py").read_bytes()]


def tool_options(root):
    deployment = yaml.safe_load((root / DEPLOYMENT).read_text())
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        for env in container.get("env", []):
            if env["name"] == "JAVA_TOOL_OPTIONS":
                return env["value"]
    raise SystemExit(f"{DEPLOYMENT} sets no JAVA_TOOL_OPTIONS")


def settings(root, health_port):
    config_map = yaml.safe_load((root / SETTINGS).read_text())
    values = yaml.safe_load(config_map["data"]["controller.yaml"])
    values["health"] = {"host": "127.0.0.1", "port": health_port}  # nothing else on the machine is hit
    return values


def train(root, rootfs, top, entrypoint, env, log):
    """Writes the archive the ENTRYPOINT names into top (the layer's directory), checked.

    rootfs: a scratch copy of the base layer's root filesystem (changed here; only the archive goes
    into top, not the training's kubeconfig and its throwaway token). env: the image's environment.
    log: build.py's progress printer. Returns the archive's path in top.
    """
    target = archive_path(entrypoint)
    started = time.time()
    for path in sorted(top.rglob("*")):  # the top layer as the image will have it
        dest = rootfs / path.relative_to(top)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest)
            os.chmod(dest, 0o644)
            os.chown(dest, 0, 0)
            os.utime(dest, (0, 0))  # the layer tar's --mtime=@0: JDK 17 checks the jar's mtime
    work = rootfs / TRAINING_DIR
    work.mkdir(parents=True)
    inside = "/" + TRAINING_DIR
    spec = settings(root, _free_port())
    with TrainingApiServer(root) as server:
        shutil.copy(server.ca_path(), work / "ca.crt")
        (work / "kubeconfig").write_text(server.kubeconfig(f"{inside}/ca.crt"))
        (work / "controller.yaml").write_text(yaml.safe_dump(spec))
        run_env = dict(env, JAVA_TOOL_OPTIONS=tool_options(root), KUBECONFIG=f"{inside}/kubeconfig",
                       AXON_CONFIG=f"{inside}/controller.yaml")
        lease = spec["leaderElection"]
        log(f"class archive: training run ({shlex.join(entrypoint)})")
        trained = [w if not w.startswith(FLAG) else f"-XX:ArchiveClassesAtExit={inside}/trained.jsa"
                   for w in entrypoint]
        start_to_leader(rootfs, trained, run_env, work / "training.log")
        if not (work / "trained.jsa").is_file() or (work / "trained.jsa").stat().st_size == 0:
            raise SystemExit("class archive: the training run wrote no archive; its log ends:\n"
                             + tail(work / "training.log"))
        dest = rootfs / target.lstrip("/")
        shutil.move(work / "trained.jsa", dest)
        os.chown(dest, 0, 0)
        os.chmod(dest, 0o644)
        os.utime(dest, (0, 0))
        trained_in = time.time() - started

        server.delete_lease(lease["leaseNamespace"], lease["leaseName"])
        checked = [entrypoint[0], f"-Xlog:class+load=info:file={inside}/class-load.txt", *entrypoint[1:]]
        start_to_leader(rootfs, checked, run_env, work / "check.log")
        check(work, log)
    in_top = top / target.lstrip("/")
    in_top.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(dest, in_top)
    os.chmod(in_top, 0o644)
    log(f"class archive: {dest.stat().st_size / 1e6:.0f} MB, trained in {trained_in:.0f} s, "
        f"checked in {time.time() - started - trained_in:.0f} s")
    return in_top


def check(work, log):
    """Fails unless most classes of the check run came from the top (application) archive."""
    text = (work / "check.log").read_text(errors="replace")
    refused = [line for line in text.splitlines() if "shared archive" in line.lower() or "[cds]" in line]
    if refused:
        raise SystemExit("class archive: the JVM did not use it:\n" + "\n".join(refused[:10]))
    loaded = (work / "class-load.txt").read_text(errors="replace").splitlines()
    total = sum(1 for line in loaded if "source:" in line)
    ours = sum(1 for line in loaded if "source: shared objects file (top)" in line)
    base = sum(1 for line in loaded if line.endswith("source: shared objects file"))
    # Without ours, only the JDK's base archive maps classes: about 13 % of them.
    if total == 0 or ours + base < MIN_SHARE * total:
        raise SystemExit(f"class archive: only {ours} + {base} of {total} classes came from it and the JDK's "
                         f"base archive (at least {MIN_SHARE:.0%} wanted); the check run's log ends:\n"
                         + tail(work / "check.log"))
    log(f"class archive: the check run loaded {ours + base} of {total} classes from an archive "
        f"({ours} from this one, {base} from the JDK's)")


def start_to_leader(rootfs, command, env, log_path):
    """Runs command in the root filesystem (a private mount namespace with /proc and /dev, chroot
    no shell inside) until its log says it leads and has started, then stops it with
    SIGTERM and waits for it to exit. The JVM is killed on every other path, also when build.py itself
    is killed: PR_SET_PDEATHSIG. As root, because a change of user (chroot --userspec) clears that
    setting; the archive does not depend on the user, and the pods run it as 65532.
    """
    script = (f"mount -t proc proc {shlex.quote(str(rootfs / 'proc'))} && "
              f"mount --rbind /dev {shlex.quote(str(rootfs / 'dev'))} && "
              f"exec chroot {shlex.quote(str(rootfs))} {shlex.join(command)}")
    with open(log_path, "wb") as out:
        # unshare and sh exec into chroot, which execs java: the pid is the JVM's.
        process = subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                                   env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            text = log_path.read_text(errors="replace")
            if "became leader" in text and "Axon controller started" in text:
                break
            if process.poll() is not None:
                raise SystemExit(f"class archive: the controller exited ({process.returncode}) before leading; "
                                 f"its log ends:\n{tail(log_path)}")
            if time.monotonic() > deadline:
                raise SystemExit(f"class archive: the controller did not lead within {START_TIMEOUT} s; "
                                 f"its log ends:\n{tail(log_path)}")
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"class archive: the controller did not exit within {EXIT_TIMEOUT} s of SIGTERM")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def tail(path, lines=30):
    """The log's last lines, without the training run's expected '[cds] Skipping' warnings."""
    kept = [line for line in path.read_text(errors="replace").splitlines() if "Skipping" not in line]
    return "\n".join(kept[-lines:])
