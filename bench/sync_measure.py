"""The sync benchmark's measuring helpers, used in every one of its processes (bench_sync.py): peak memory and CPU of
a process, the bytes on the station's wire by kind, and the timing of the station's requests and phases."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

MB = 1024 * 1024


def peak_rss_mb(pid: int | str = "self") -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    if pid == "self":
        try:
            import resource

            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return rss / MB if sys.platform == "darwin" else rss / 1024
        except ImportError:
            pass
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def reset_peak_rss(pid: int) -> bool:
    """Reset a process's VmHWM to its current RSS (Linux: clear_refs 5)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Wire:
    """Bytes through this process's sockets, by label (set around each request, per thread: the station has two
    batches in flight at once)."""
    sent: ClassVar[dict[str, int]] = {}
    received: ClassVar[dict[str, int]] = {}
    local = threading.local()
    lock = threading.Lock()

    @classmethod
    def count(cls, into: dict[str, int], n: int) -> None:
        label = getattr(cls.local, "label", "other")
        with cls.lock:
            into[label] = into.get(label, 0) + n

    @classmethod
    def install(cls) -> None:
        base = socket.socket
        send, sendall, recv, recv_into = base.send, base.sendall, base.recv, base.recv_into

        def _send(self, data, *args):
            n = send(self, data, *args)
            cls.count(cls.sent, n)
            return n

        def _sendall(self, data, *args):
            result = sendall(self, data, *args)
            cls.count(cls.sent, memoryview(data).nbytes)
            return result

        def _recv(self, *args):
            data = recv(self, *args)
            cls.count(cls.received, len(data))
            return data

        def _recv_into(self, buffer, *args):
            n = recv_into(self, buffer, *args)
            cls.count(cls.received, n)
            return n

        base.send, base.sendall, base.recv, base.recv_into = _send, _sendall, _recv, _recv_into


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def instrument(engine, batches: list[float], phases: dict[str, float] | None = None,
               requests_by_kind: dict[str, list[float]] | None = None, server_pid: int | None = None) -> None:
    """Time every POST /v1/changes (the batch, as the engine sees it: signing, HTTP, county signature check);
    label the wire bytes by request kind; time the round's phases."""
    request = engine.transport.request

    def timed(method, path, body, content_type=None, **hashed):
        kind = "changes" if path.startswith("/v1/changes") else "files" if path.startswith("/v1/files") else "other"
        Wire.local.label = kind  # (only the station child counts wire bytes)
        start = time.perf_counter()
        try:
            return request(method, path, body, content_type, **hashed)
        finally:
            took = time.perf_counter() - start
            if kind == "changes":
                batches.append(took)
            if requests_by_kind is not None:
                with Wire.lock:
                    entry = requests_by_kind.setdefault(f"{method} {kind}", [0, 0.0])
                    entry[0] += 1
                    entry[1] += took
            Wire.local.label = "other"

    engine.transport.request = timed
    if phases is None:
        return
    from sync import engine as engine_module

    def phase(name, fn):
        def run(*args, **kw):
            start, cpu, server = time.perf_counter(), os.times(), server_pid and cpu_seconds(server_pid)
            try:
                return fn(*args, **kw)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - start
                after = os.times()
                phases[name + " station cpu"] = (phases.get(name + " station cpu", 0.0) + after.user + after.system
                                                 - cpu.user - cpu.system)
                if server_pid:
                    phases[name + " server cpu"] = (phases.get(name + " server cpu", 0.0)
                                                    + (cpu_seconds(server_pid) or 0) - (server or 0))
        return run

    engine._push = phase("push changes", engine._push)
    engine._pull = phase("pull events", engine._pull)
    engine._upload = phase("upload files", engine._upload)
    engine_module.pull_reference = phase("pull reference", engine_module.pull_reference)
