#!/usr/bin/env python3
"""Watch Axon Tasks live through the controller's TCP event-bus bridge.

Standard library only. The wire protocol: every frame is a 4-byte big-endian length followed by
that many bytes of UTF-8 JSON. A client sends {"type": "register", "address": ...} for each address
it wants, and receives {"type": "message", "address": ..., "body": {...}} for each event.
See docs/event-bus.md for the addresses and their payloads.

    python3 watch_tasks.py --host 127.0.0.1 --port 7000
    python3 watch_tasks.py --json            # one raw JSON payload per line, for jq
    python3 watch_tasks.py --token-file token --cafile ca.crt --certfile me.crt --keyfile me.key
"""

import argparse
import json
import socket
import ssl
import struct
import sys

ADDRESSES = ["axon.task.created", "axon.task.phase", "axon.task.finished", "axon.leader"]


def send_frame(sock, frame):
    data = json.dumps(frame).encode("utf-8")
    sock.sendall(struct.pack(">I", len(data)) + data)


def read_exactly(sock, size):
    chunks = []
    while size > 0:
        chunk = sock.recv(size)
        if not chunk:
            raise ConnectionError("the bridge closed the connection")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(sock):
    (size,) = struct.unpack(">I", read_exactly(sock, 4))
    return json.loads(read_exactly(sock, size).decode("utf-8"))


def describe(address, event):
    """One human line per event. Payload text is printed as data, never interpreted."""
    if address == "axon.leader":
        role = "leads" if event.get("leader") else "stopped leading"
        return "leader    %s %s" % (event.get("identity"), role)
    task = "%s/%s" % (event.get("namespace"), event.get("name"))
    if address == "axon.task.created":
        return "created   %s type=%s model=%s" % (task, event.get("type"), event.get("model") or "default")
    if address == "axon.task.phase":
        change = "%s -> %s" % (event.get("previous") or "(new)", event.get("current"))
        return "phase     %s %s: %s" % (task, change, event.get("message") or "")
    if address == "axon.task.finished":
        parts = ["finished  %s %s" % (task, event.get("outcome"))]
        if event.get("reason") and event.get("outcome") != "Succeeded":
            parts.append("reason=%s" % event["reason"])
        if event.get("costUSD") is not None:
            parts.append("cost=$%s" % event["costUSD"])
        if event.get("inputTokens") is not None or event.get("outputTokens") is not None:
            parts.append("tokens=%s/%s" % (event.get("inputTokens") or 0, event.get("outputTokens") or 0))
        if event.get("turns") is not None:
            parts.append("turns=%s" % event["turns"])
        if event.get("pullRequestURL"):
            parts.append("pr=%s" % event["pullRequestURL"])
        return " ".join(parts)
    return "%s %s" % (address, json.dumps(event))


def connect(args):
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    if args.tls or args.cafile or args.certfile:
        context = ssl.create_default_context(cafile=args.cafile)
        if args.certfile:
            # mTLS: the bridge asks for a certificate its bridge.tls.clientCAPath signed.
            context.load_cert_chain(args.certfile, args.keyfile)
        sock = context.wrap_socket(sock, server_hostname=args.host)
    sock.settimeout(None)
    return sock


def read_token(path):
    """The bridge's token, from a file (never an argument: others can read a process's argv)."""
    with open(path, encoding="utf-8") as f:
        token = f.read().strip()
    if not token:
        raise ValueError("the file is empty")
    return token


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print Axon Task events from the event-bus bridge.")
    parser.add_argument("--host", default="127.0.0.1", help="bridge address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7000, help="bridge port (default 7000)")
    parser.add_argument("--tls", action="store_true", help="connect with TLS")
    parser.add_argument("--cafile", help="CA certificate (PEM) that signed the bridge's certificate; implies --tls")
    parser.add_argument("--certfile", help="this client's certificate (PEM), for a bridge that requires mTLS; implies --tls")
    parser.add_argument("--keyfile", help="the private key (PEM) of --certfile (default: in --certfile)")
    parser.add_argument("--token-file", help="file holding the bridge's token (bridge.auth.tokenFile), sent with each request")
    parser.add_argument("--address", action="append", dest="addresses",
                        help="address to watch, repeatable (default: all public addresses)")
    parser.add_argument("--json", action="store_true", help="print each event's JSON payload as is")
    parser.add_argument("--count", type=int, default=0, help="exit after this many events (default: run until stopped)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the connection")
    args = parser.parse_args(argv)
    addresses = args.addresses or ADDRESSES
    if args.keyfile and not args.certfile:
        print("--keyfile needs --certfile", file=sys.stderr)
        return 2
    headers = {}
    if args.token_file:
        try:
            headers["authorization"] = read_token(args.token_file)
        except (OSError, ValueError) as e:
            print("Cannot read the bridge token from %s: %s" % (args.token_file, e), file=sys.stderr)
            return 2

    try:
        sock = connect(args)
    except (OSError, ssl.SSLError) as e:
        print("Cannot connect to the Axon bridge at %s:%d: %s. Is bridge.enabled true in the controller's "
              "settings, and the port reachable (kubectl port-forward)?" % (args.host, args.port, e), file=sys.stderr)
        return 2

    seen = 0
    try:
        with sock:
            for address in addresses:
                frame = {"type": "register", "address": address}
                if headers:
                    frame["headers"] = headers
                send_frame(sock, frame)
            # Frames are handled in order: the pong means every registration above took effect.
            send_frame(sock, {"type": "ping"})
            while True:
                frame = read_frame(sock)
                kind = frame.get("type")
                if kind == "pong":
                    print("Watching %s on %s:%d" % (", ".join(addresses), args.host, args.port),
                          file=sys.stderr, flush=True)
                elif kind == "err" and frame.get("message") == "blocked by bridgeEvent handler":
                    print("The bridge refused a request: it requires its token (bridge.auth.tokenFile), and %s"
                          % ("this one is not it" if headers else "none was given: pass --token-file FILE"),
                          file=sys.stderr)
                    return 1
                elif kind == "err":
                    print("The bridge refused a request: %s. Only these addresses can be watched: %s."
                          % (frame.get("message"), ", ".join(ADDRESSES)), file=sys.stderr)
                    return 1
                elif kind == "message":
                    body = frame.get("body")
                    if args.json:
                        print(json.dumps({"address": frame.get("address"), "event": body}), flush=True)
                    else:
                        time = body.get("time", "") if isinstance(body, dict) else ""
                        print(("%s %s" % (time, describe(frame.get("address"), body))).strip(), flush=True)
                    seen += 1
                    if args.count and seen >= args.count:
                        return 0
    except KeyboardInterrupt:
        return 0
    except (OSError, ConnectionError, ValueError) as e:
        print("Lost the connection to the Axon bridge: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
