"""One gunicorn worker on the benchmark's data: the query mix over real HTTP and the worker's memory.

`bench/search.py` calls `measure()` per backend after its in-process figures. gunicorn runs with the
project's `archive/gunicorn_conf.py` (preload, timeouts, request line) and one worker, bound to 127.0.0.1 on
a free port, with the environment the benchmark set up (data dir, database) and SEARCH_BACKEND. After the
queries it reads the worker's VmRSS and VmHWM from /proc, and Pss/private memory from smaps_rollup: with
preload_app the worker shares the master's pages (Django, jieba's dictionary), which RSS counts in full.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak RSS) from status; Pss and Private (clean + dirty) from smaps_rollup, in kB."""
    status = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        status[key] = value
    out = {key: int(status[key].split()[0]) for key in ("VmRSS", "VmHWM")}
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return out
    fields = {line.split(":")[0]: int(line.split()[1]) for line in rollup[1:] if line.split()[-1] == "kB"}
    out["Pss"] = fields.get("Pss", 0)
    out["Private"] = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return out


def worker_pid(master: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def get(base: str, query: str, timeout: float = 60) -> tuple[int, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(f"{base}/api/search/?{urlencode({'q': query})}", timeout=timeout) as resp:
        resp.read()
        status = resp.status
    return status, (time.perf_counter() - started) * 1000


def measure(backend: str, queries: list[tuple[str, str]], passes: int = 2) -> dict:
    """Start gunicorn (1 worker), wait until it answers, send the query mix twice, read the worker's memory."""
    port = free_port()
    env = dict(os.environ, SEARCH_BACKEND=backend, WEB_CONCURRENCY="1", PYTHONPATH=str(ROOT))
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "archive.wsgi:application",
        "--config",
        "archive/gunicorn_conf.py",
        "--workers",
        "1",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
        # The project's 60 s worker timeout would kill a Whoosh worker still loading its caches for the first
        # query at 100,000 releases (13-16 s at 25,000): the benchmark measures that wait, it does not abort it.
        "--timeout",
        "1800",
    ]
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    # A file, not a pipe: a pipe nobody reads would block gunicorn once its error log filled it.
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 600  # preloading (jieba's dictionary) is slow on a loaded machine
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start: " + log.read().decode()[-2000:]) from None
                time.sleep(0.2)
        listening = time.perf_counter() - started
        worker = worker_pid(server.pid, timeout=600)
        # The first search loads the backend's caches (at 100,000 releases: minutes on a loaded machine).
        warm_up = get(base, "法院", timeout=1800)[1]
        memory_warm = memory_kb(worker)
        runs = []
        for _ in range(passes):
            times = []
            for _kind, q in queries:
                status, elapsed = get(base, q)
                assert status == 200, (q, status)
                times.append(elapsed)
            runs.append(times)
        return {
            "listening_seconds": listening,
            "warm_up_ms": warm_up,
            "memory_warm_kb": memory_warm,
            "memory_kb": memory_kb(worker),
            "master_kb": memory_kb(server.pid),
            "first": runs[0],
            "second": runs[1] if len(runs) > 1 else None,
        }
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def describe(kb: dict[str, int]) -> str:
    return "   ".join(f"{key} {value / 1024:,.0f} MB" for key, value in kb.items())
