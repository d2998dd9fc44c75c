#!/usr/bin/env python3
"""Builds Axon's container images without Docker and without an image registry.

The Dockerfiles stay the one description of what an image contains: this script reads them and
carries out their instructions (ARG, FROM, RUN, COPY, ENV, USER, WORKDIR, ENTRYPOINT, CMD) on a
root filesystem made from Debian packages with mmdebstrap, then packs an OCI image with umoci
and writes it as an OCI archive (what `ctr images import` reads). The base images the
Dockerfiles name are made locally the same way (see BASES).

Two layers per image: everything up to the last RUN (cached by a hash of the instructions, the
build arguments and this script), and the files COPY adds after it (the project's jars). A jar
change rebuilds only the second. When an ENTRYPOINT names a class archive (-XX:SharedArchiveFile, the
controller's), a training run writes it into the second layer and a second start checks that the
JVM uses it (class_archive.py). Everything lives under ${AXON_CACHE_DIR:-~/.cache/axon}/images;
only the newest archive of each image is kept.

Usage: hack/images/build.py [agent] [controller] [pause]   (default: all three)
Prints one line per image on stdout: REFERENCE OCI-ARCHIVE (import with
`ctr -n k8s.io images import --base-name REPOSITORY ARCHIVE`; the agent archive also holds the
tag <version>-test, see IMAGES). Sizes and progress go to stderr.
Needs root, mmdebstrap, umoci, unshare and chroot; the jars must be built first
(./mvnw -B -q package -DskipTests -pl core,agent-claude-code -am).
"""
import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the worktree from the modules beside this one
import class_archive  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("AXON_CACHE_DIR", Path.home() / ".cache/axon")) / "images"
SUITE = "bookworm"
MIRROR = os.environ.get("AXON_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SECURITY_MIRROR = os.environ.get("AXON_DEBIAN_SECURITY_MIRROR", "http://deb.debian.org/debian-security")
HOST_CA = Path("/etc/ssl/certs/ca-certificates.crt")
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# What docker's debian:*-slim images exclude (their /etc/dpkg/dpkg.cfg.d/docker).
SLIM_DPKG_EXCLUDES = """path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
"""

# Part of every base layer's cache key: bump it when a change here alters what a base contains.
BASE_FORMAT = "2"

# What docker's debian images keep out of apt's cache (their /etc/apt/apt.conf.d/docker-clean).
SLIM_APT_CLEAN = """DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
"""

IMAGES = {
    "agent": {
        "dockerfile": "agent-claude-code/image/Dockerfile",
        "context": "agent-claude-code",
        "repository": "ghcr.io/axon-core/axon-claude-code",
        # The tag is the pinned CLI version, as the Dockerfile's header says.
        "args": lambda: {"CLAUDE_CODE_VERSION": read("hack/agent-cli/claude-code.version")},
        "tag": lambda args: args["CLAUDE_CODE_VERSION"],
        # A second tag in the same archive for the real-node tests only: the same layers, and the
        # agent CLI sent to the scripted model server that a relay serves on this port in the pod.
        "test_env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:18765"},
    },
    # More agents: the same shape, each from its plugin module (built on demand: name it).
    "codex": {
        "dockerfile": "agent-codex/image/Dockerfile",
        "context": "agent-codex",
        "repository": "ghcr.io/axon-core/axon-codex",
        "args": lambda: {"CODEX_VERSION": read("hack/agent-cli/codex.version")},
        "tag": lambda args: args["CODEX_VERSION"],
    },
    "gemini": {
        "dockerfile": "agent-gemini/image/Dockerfile",
        "context": "agent-gemini",
        "repository": "ghcr.io/axon-core/axon-gemini",
        "args": lambda: {"GEMINI_VERSION": read("hack/agent-cli/gemini.version")},
        "tag": lambda args: args["GEMINI_VERSION"],
    },
    "opencode": {
        "dockerfile": "agent-opencode/image/Dockerfile",
        "context": "agent-opencode",
        "repository": "ghcr.io/axon-core/axon-opencode",
        "args": lambda: {"OPENCODE_VERSION": read("hack/agent-cli/opencode.version")},
        "tag": lambda args: args["OPENCODE_VERSION"],
    },
    "controller": {
        "dockerfile": "deploy/image/Dockerfile",
        "context": ".",
        "repository": "ghcr.io/axon-core/axon-controller",
        "args": lambda: {},
        "tag": lambda args: controller_tag(),
    },
}


def log(msg):
    print(f"[images] {msg}", file=sys.stderr, flush=True)


def read(rel):
    return (ROOT / rel).read_text().strip()


def controller_tag():
    for line in (ROOT / "deploy/controller/deployment.yaml").read_text().splitlines():
        if "image: ghcr.io/axon-core/axon-controller:" in line:
            return line.split(":")[-1].strip()
    raise SystemExit("deploy/controller/deployment.yaml names no ghcr.io/axon-core/axon-controller image")


def run(*cmd, **kw):
    try:
        return subprocess.run(cmd, check=True, **kw)
    except FileNotFoundError:
        raise SystemExit(f"{cmd[0]} is not installed (hack/ci/install-system-packages.sh installs it)")
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"failed ({e.returncode}): {shlex.join(map(str, cmd))}")


def sha256(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


# ---- Dockerfile ---------------------------------------------------------------------------------


def parse_dockerfile(path):
    """[(INSTRUCTION, text)] with continuation lines joined and comments dropped."""
    out, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        word, _, rest = current.strip().partition(" ")
        out.append((word.upper(), rest.strip()))
        current = ""
    return out


def substitute(text, variables):
    for k, v in variables.items():
        text = text.replace("${" + k + "}", v).replace("$" + k, v)
    return text


def parse_env(text):
    words = shlex.split(text)
    if len(words) == 2 and "=" not in words[0]:
        return [tuple(words)]
    return [tuple(w.split("=", 1)) for w in words]


def exec_form(text):
    return json.loads(text) if text.startswith("[") else ["/bin/sh", "-c", text]


# ---- Base images, made from Debian packages -----------------------------------------------------


def mmdebstrap(target, packages=(), hooks=()):
    cmd = ["mmdebstrap", "--variant=minbase", "--mode=root", "--format=directory", "--quiet",
           "--dpkgopt=force-unsafe-io", "--aptopt=APT::Install-Recommends \"false\""]
    cmd += [f"--dpkgopt={line.replace(' ', '=', 1)}" for line in SLIM_DPKG_EXCLUDES.splitlines()]
    # The JRE's postinst needs this directory even when man pages are excluded.
    cmd += ["--essential-hook=mkdir -p \"$1/usr/share/man/man1\""]
    if packages:
        cmd.append("--include=" + ",".join(packages))
    cmd += [f"--customize-hook={h}" for h in hooks]
    cmd += [SUITE, str(target), f"deb {MIRROR} {SUITE} main", f"deb {MIRROR} {SUITE}-updates main",
            f"deb {SECURITY_MIRROR} {SUITE}-security main"]
    run(*cmd, stdout=sys.stderr)


def debian_slim(rootfs):
    """debian:bookworm-slim: minbase with the slim image's dpkg excludes and apt settings kept for
    later installs (no package cache, no translations)."""
    mmdebstrap(rootfs, hooks=[
        "printf '%s' " + shlex.quote(SLIM_DPKG_EXCLUDES) + " > \"$1/etc/dpkg/dpkg.cfg.d/docker\"",
        "printf '%s' " + shlex.quote(SLIM_APT_CLEAN) + " > \"$1/etc/apt/apt.conf.d/docker-clean\"",
        "echo 'Acquire::Languages \"none\";' > \"$1/etc/apt/apt.conf.d/docker-no-languages\""])
    return {"env": [("PATH", DEFAULT_PATH)], "user": "", "workdir": "", "cmd": ["bash"]}


def distroless_java17(rootfs):
    """gcr.io/distroless/java17-debian12:nonroot, from Debian's JRE: no shell, no package manager.

    The JRE's files and the shared libraries they load are copied out of a full Debian root
    filesystem into an empty one, with the user table and CA certificates the distroless image has.
    """
    full = rootfs.parent / (rootfs.name + ".full")
    shutil.rmtree(full, ignore_errors=True)
    mmdebstrap(full, packages=["openjdk-17-jre-headless", "ca-certificates"])
    jvm = "usr/lib/jvm/java-17-openjdk-amd64"
    keep = {jvm, "etc/java-17-openjdk", "etc/ssl/certs/ca-certificates.crt", "etc/ssl/certs/java/cacerts",
            "etc/os-release", "usr/lib/os-release", "etc/nsswitch.conf", "usr/share/zoneinfo"}
    elves = [str(p.relative_to(full)) for p in (full / jvm).rglob("*")
             if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or p.parent.name == "bin")]
    ldd = subprocess.run(["chroot", str(full), "ldd", *["/" + e for e in elves]],
                         capture_output=True, text=True).stdout
    for line in ldd.splitlines():
        for word in line.split():
            if word.startswith("/") and not word.startswith("/" + jvm):
                keep.add(word.lstrip("/"))
    rootfs.mkdir(parents=True)
    for link in ("bin", "lib", "lib64", "sbin"):  # merged /usr, as in the source tree
        if (full / link).is_symlink():
            os.symlink(os.readlink(full / link), rootfs / link)
    for rel in sorted(keep):
        src = full / rel
        if not src.exists():
            continue
        # Each path at its canonical place (merged /usr: /lib64/x is /usr/lib64/x), then the file
        # a symlink names.
        link = resolve_in(full, src.parent) / src.name
        for path in dict.fromkeys((link, resolve_in(full, src))):
            dest = rootfs / path.relative_to(full)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest.exists() or dest.is_symlink():
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.copytree(path, dest, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(path, dest, follow_symlinks=False)
    (rootfs / "usr/bin").mkdir(parents=True, exist_ok=True)
    os.symlink(f"/{jvm}/bin/java", rootfs / "usr/bin/java")
    (rootfs / "etc/passwd").write_text(
        "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
        "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
    (rootfs / "etc/group").write_text("root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n")
    for d, mode, owner in (("tmp", 0o1777, 0), ("root", 0o700, 0), ("home/nonroot", 0o700, 65532)):
        (rootfs / d).mkdir(parents=True, exist_ok=True)
        os.chmod(rootfs / d, mode)
        os.chown(rootfs / d, owner, owner)
    run("ldconfig", "-r", str(rootfs))
    shutil.rmtree(full)
    for d in ("proc", "dev", "sys"):
        (rootfs / d).mkdir(exist_ok=True)
    # With /proc, as in a container: the java launcher finds its libraries through /proc/self/exe.
    check = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            f"mount -t proc proc {shlex.quote(str(rootfs / 'proc'))} && "
                            f"chroot {shlex.quote(str(rootfs))} /usr/bin/java -version"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit("the distroless-like JRE does not run:\n" + check.stderr)
    for forbidden in ("bin/sh", "bin/bash", "usr/bin/dpkg", "usr/bin/apt"):
        if (rootfs / forbidden).exists():
            raise SystemExit(f"the distroless-like base contains /{forbidden}")
    return {"env": [("PATH", DEFAULT_PATH), ("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt")],
            "user": "65532", "workdir": "/home/nonroot", "cmd": []}


def resolve_in(root, path):
    """Like os.path.realpath, with absolute symlinks taken as relative to root (a chroot's view)."""
    parts = list(path.relative_to(root).parts)
    current, hops = root, 0
    while parts:
        candidate = current / parts.pop(0)
        if candidate.is_symlink():
            hops += 1
            if hops > 40:
                raise SystemExit(f"symlink loop at {candidate}")
            target = Path(os.readlink(candidate))
            parts = list(target.parts[1:] if target.is_absolute() else target.parts) + parts
            current = root if target.is_absolute() else current
        elif candidate.name == "..":
            current = current.parent if current != root else root
        else:
            current = candidate
    return current


BASES = {
    "debian:bookworm-slim": debian_slim,
    "gcr.io/distroless/java17-debian12:nonroot": distroless_java17,
}


# ---- Building -----------------------------------------------------------------------------------


def in_chroot(rootfs, command, env, user):
    """RUN: the command in a chroot of the root filesystem, in a private mount namespace."""
    shutil.copy(HOST_CA, rootfs / "tmp/.build-ca.crt")  # this machine's egress CA, for the build only
    shutil.copy("/etc/resolv.conf", rootfs / "etc/resolv.conf")
    env = dict(env, NODE_EXTRA_CA_CERTS="/tmp/.build-ca.crt", npm_config_cafile="/tmp/.build-ca.crt",
               DEBIAN_FRONTEND="noninteractive")
    script = (f"mount -t proc proc {shlex.quote(str(rootfs / 'proc'))} && "
              f"mount --rbind /dev {shlex.quote(str(rootfs / 'dev'))} && "
              f"exec chroot {'--userspec=' + shlex.quote(user) + ' ' if user else ''}{shlex.quote(str(rootfs))} "
              f"env -i {' '.join(shlex.quote(f'{k}={v}') for k, v in env.items())} /bin/sh -c {shlex.quote(command)}")
    try:
        run("unshare", "--mount", "--propagation", "private", "sh", "-c", script, stdout=sys.stderr)
    finally:
        (rootfs / "tmp/.build-ca.crt").unlink(missing_ok=True)
        (rootfs / "etc/resolv.conf").write_text("")


def copy_into(context, dest_root, text, workdir):
    words = exec_form(text) if text.startswith("[") else shlex.split(text)
    *sources, dest = words
    if not dest.startswith("/"):
        dest = (workdir or "/") + "/" + dest
    for s in sources:
        src = context / s
        if not src.exists():
            raise SystemExit(f"COPY {s}: {src} is missing; build the jars first (see --help)")
        target = dest_root / dest.lstrip("/")
        if dest.endswith("/"):
            target = target / src.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, target)
        os.chmod(target, 0o644)


def build(name):
    spec = IMAGES[name]
    args = spec["args"]()
    tag = spec["tag"](args)
    ref = f"{spec['repository']}:{tag}"
    context = (ROOT / spec["context"]).resolve()
    steps = parse_dockerfile(ROOT / spec["dockerfile"])
    last_run = max(i for i, (op, _) in enumerate(steps) if op in ("RUN", "FROM"))
    base_steps, top_steps = steps[: last_run + 1], steps[last_run + 1 :]
    if any(op in ("RUN", "FROM") for op, _ in top_steps):
        raise SystemExit(f"{spec['dockerfile']}: a RUN or FROM after the last RUN")
    base_key = sha256(BASE_FORMAT, SUITE, MIRROR, json.dumps(base_steps), json.dumps(args, sort_keys=True),
                      *[Path(context / s).read_bytes() for op, t in base_steps if op == "COPY"
                        for s in shlex.split(t)[:-1]])
    CACHE.mkdir(parents=True, exist_ok=True)
    layout = CACHE / f"base-{name}-{base_key}"
    config = {"env": [], "user": "", "workdir": "", "entrypoint": [], "cmd": []}
    variables = dict(args)
    for op, text in steps:  # the image's configuration, from every instruction
        if op == "ARG":
            k, _, v = text.partition("=")
            variables.setdefault(k, v)
        elif op == "FROM":
            image = text.split()[0]
            if image not in BASES:
                raise SystemExit(f"{spec['dockerfile']}: no local base for FROM {image}; known: {list(BASES)}")
        elif op == "ENV":
            config["env"] += [(k, substitute(v, variables)) for k, v in parse_env(text)]
        elif op == "USER":
            config["user"] = text
        elif op == "WORKDIR":
            config["workdir"] = text
        elif op == "ENTRYPOINT":
            config["entrypoint"], config["cmd"] = exec_form(text), []
        elif op == "CMD":
            config["cmd"] = exec_form(text)
    if not (layout / "index.json").exists():
        build_base(name, layout, base_steps, variables, context)
    base_config = json.loads((layout / "base-config.json").read_text())
    env = dict(base_config["env"])
    env.update(dict(config["env"]))
    config["user"] = config["user"] or base_config["user"]
    config["workdir"] = config["workdir"] or base_config["workdir"]
    if not config["entrypoint"] and not config["cmd"]:
        config["cmd"] = base_config["cmd"]

    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        tmp = Path(tmp)
        top = tmp / "top"
        top.mkdir()
        for op, text in top_steps:
            if op == "COPY":
                copy_into(context, top, text, config["workdir"])
        layer = tmp / "layer.tar"
        pack_layer(top, layer)
        key_parts = [base_key, layer.read_bytes(), json.dumps(config, sort_keys=True), ref]
        trains = class_archive.archive_path(config["entrypoint"]) is not None
        if trains:
            # The archive is valid only for this exact JRE (the base layer's content, not only its
            # instructions) and these JVM flags.
            key_parts += [(layout / "index.json").read_bytes(), *class_archive.inputs(ROOT)]
        key = sha256(*key_parts)
        archive = CACHE / f"{name}-{key}.oci.tar"
        if archive.exists():
            log(f"{ref}: cached {archive.name}")
            return ref, archive
        started = time.time()
        if trains:
            run("umoci", "raw", "unpack", "--image", f"{layout}:base", str(tmp / "rootfs"), stdout=sys.stderr)
            class_archive.train(ROOT, tmp / "rootfs", top, config["entrypoint"], env, log)
            shutil.rmtree(tmp / "rootfs")
            pack_layer(top, layer)
        oci = tmp / "oci"
        shutil.copytree(layout, oci, copy_function=os.link, ignore=shutil.ignore_patterns("base-config.json"))
        (oci / "index.json").unlink()
        shutil.copy(layout / "index.json", oci / "index.json")
        run("umoci", "raw", "add-layer", "--image", f"{oci}:base", "--tag", tag, str(layer))
        cfg = ["umoci", "config", "--image", f"{oci}:{tag}", "--clear=config.env", "--clear=config.cmd",
               "--clear=config.entrypoint", "--config.user", config["user"] or "0"]
        if config["workdir"]:
            cfg += ["--config.workingdir", config["workdir"]]
        for k, v in env.items():
            cfg += ["--config.env", f"{k}={v}"]
        for word in config["entrypoint"]:
            cfg += ["--config.entrypoint", word]
        for word in config["cmd"]:
            cfg += ["--config.cmd", word]
        run(*cfg)
        if spec.get("test_env"):
            run("umoci", "config", "--image", f"{oci}:{tag}", "--tag", f"{tag}-test",
                *[a for k, v in spec["test_env"].items() for a in ("--config.env", f"{k}={v}")])
        run("umoci", "rm", "--image", f"{oci}:base")
        run("umoci", "gc", "--layout", str(oci))
        partial = tmp / "image.tar"
        run("tar", "-C", str(oci), "-cf", str(partial), ".")
        for old in CACHE.glob(f"{name}-*.oci.tar"):
            old.unlink()
        os.replace(partial, archive)
        log(f"{ref}: {archive.name} packed in {time.time() - started:.0f} s")
    for old in CACHE.glob(f"base-{name}-*"):  # only the current base stays
        if old != layout:
            shutil.rmtree(old, ignore_errors=True)
    return ref, archive


def pack_layer(top, layer):
    run("tar", "--numeric-owner", "--owner=0", "--group=0", "--mtime=@0", "--sort=name",
        "-C", str(top), "-cf", str(layer), ".")


def build_base(name, layout, steps, variables, context):
    started = time.time()
    work = Path(tempfile.mkdtemp(dir=CACHE, prefix=f".base-{name}-"))
    try:
        rootfs = work / "rootfs"
        env, user, workdir, base_config = {}, "", "", None
        for op, text in steps:
            if op == "FROM":
                image = text.split()[0]
                log(f"{name}: making the base {image} from Debian {SUITE} packages")
                base_config = BASES[image](rootfs)
                env = dict(base_config["env"])
                user = base_config["user"]
            elif op == "ENV":
                env.update(dict((k, substitute(v, variables)) for k, v in parse_env(text)))
            elif op == "USER":
                user = text
            elif op == "WORKDIR":
                workdir = text
                (rootfs / text.lstrip("/")).mkdir(parents=True, exist_ok=True)
            elif op == "COPY":
                copy_into(context, rootfs, text, workdir)
            elif op == "RUN":
                log(f"{name}: RUN {text[:100]}")
                in_chroot(rootfs, text, dict(env, **variables), user)
        log(f"{name}: root filesystem in {time.time() - started:.0f} s; packing the base layer")
        run("umoci", "init", "--layout", str(work / "oci"))
        run("umoci", "new", "--image", f"{work / 'oci'}:base")
        run("umoci", "unpack", "--image", f"{work / 'oci'}:base", str(work / "bundle"))
        shutil.rmtree(work / "bundle/rootfs")
        os.rename(rootfs, work / "bundle/rootfs")
        run("umoci", "repack", "--image", f"{work / 'oci'}:base", str(work / "bundle"))
        (work / "oci/base-config.json").write_text(json.dumps(base_config))
        os.rename(work / "oci", layout)
        log(f"{name}: base layer ready in {time.time() - started:.0f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_pause():
    """registry.k8s.io/pause:3.10, the pod sandbox, from the pause.c in the k8s.io/kubernetes module."""
    ref = "registry.k8s.io/pause:3.10"
    gomodcache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True,
                                env=dict(os.environ, PATH=os.environ["PATH"] + ":/usr/local/go/bin")).stdout.strip()
    version = next(line.split()[1] for line in (ROOT / "hack/control-plane/kubernetes/go.mod").read_text().splitlines()
                   if line.strip().startswith("k8s.io/kubernetes v"))
    source = Path(gomodcache) / f"k8s.io/kubernetes@{version}/build/pause/linux/pause.c"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run hack/control-plane/build.sh --kubelet first")
    archive = CACHE / f"pause-{sha256(source.read_bytes(), Path(__file__).read_bytes())}.oci.tar"
    if archive.exists():
        return ref, archive
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        tmp = Path(tmp)
        (tmp / "top").mkdir()
        run("gcc", "-Os", "-Wall", "-Werror", "-static", "-DVERSION=v3.10-axon", "-o", str(tmp / "top/pause"), str(source))
        run("strip", str(tmp / "top/pause"))
        run("tar", "--numeric-owner", "--owner=0", "--group=0", "--mtime=@0", "-C", str(tmp / "top"),
            "-cf", str(tmp / "layer.tar"), "pause")
        oci = tmp / "oci"
        run("umoci", "init", "--layout", str(oci))
        run("umoci", "new", "--image", f"{oci}:3.10")
        run("umoci", "raw", "add-layer", "--image", f"{oci}:3.10", str(tmp / "layer.tar"))
        run("umoci", "config", "--image", f"{oci}:3.10", "--config.user", "65535:65535", "--config.entrypoint", "/pause")
        run("umoci", "gc", "--layout", str(oci))
        run("tar", "-C", str(oci), "-cf", str(tmp / "image.tar"), ".")
        for old in CACHE.glob("pause-*.oci.tar"):
            old.unlink()
        os.replace(tmp / "image.tar", archive)
    return ref, archive


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__, file=sys.stderr)
        return 0
    names = argv or ["pause", "agent", "controller"]
    unknown = [n for n in names if n not in IMAGES and n != "pause"]
    if unknown:
        print(f"unknown image(s) {unknown}; known: pause {' '.join(IMAGES)}", file=sys.stderr)
        return 2
    # Stopped (a test's timeout): the finally blocks stop the training API server and the JVM.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if os.geteuid() != 0:
        print("hack/images/build.py needs root (mmdebstrap --mode=root, chroot)", file=sys.stderr)
        return 1
    for n in names:
        ref, archive = build_pause() if n == "pause" else build(n)
        log(f"{ref}: {archive.stat().st_size / 1e6:.0f} MB archive")
        print(ref, archive)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
