"""Requests per second over HTTP: gunicorn with 2 workers, driven by wrk on loopback.

gunicorn runs with production-like settings (DEBUG off, a SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
no SSL redirect because wrk speaks plain HTTP) against the bench database. wrk cycles through
the query mix with a Lua script and stops after the given duration.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LUA = """
local paths = {%(paths)s}
local counter = 0
function setup(thread)
  thread:set("offset", counter * 11)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[((i + offset) %% #paths) + 1])
end
function done(summary, latency, requests)
  local s = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %%d, "duration_us": %%d, "non2xx": %%d, "connect": %%d, '
    .. '"read": %%d, "write": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, s.status, s.connect, s.read, s.write, s.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class HttpResult:
    ok: bool
    message: str = ""
    rps: float = float("nan")
    requests: int = 0
    errors: int = 0
    p50_ms: float = float("nan")
    p95_ms: float = float("nan")
    p99_ms: float = float("nan")
    worker_hwm_mb: list[float] = field(default_factory=list)
    master_hwm_mb: float = float("nan")
    # Proportional set size: shared pages (the preloaded dictionaries) split between sharers.
    worker_pss_mb: list[float] = field(default_factory=list)
    cold_ms: list[float] = field(default_factory=list)
    command: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 (loopback)
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _timed_get(url: str) -> float | str:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=300) as r:  # noqa: S310 (loopback)
            if r.status != 200:
                return f"{url} answered {r.status}"
    except OSError as exc:
        return f"{url}: {exc}"
    return (time.perf_counter() - start) * 1000


def warm_workers(url: str, workers: int, deadline_s: float = 300) -> list[float] | str:
    """Return the first round's latencies once ``workers`` concurrent requests are all fast."""
    from concurrent.futures import ThreadPoolExecutor

    first: list[float] = []
    deadline = time.monotonic() + deadline_s
    with ThreadPoolExecutor(workers) as pool:
        while time.monotonic() < deadline:
            results = list(pool.map(_timed_get, [url] * workers))
            errors = [r for r in results if isinstance(r, str)]
            if errors:
                return errors[0]
            ms = [float(r) for r in results]
            first = first or ms
            if max(ms) < 2000:
                return first
    return f"the workers were still slow after {deadline_s:.0f} s"


def run_wrk(
    wrk: str, script: Path, base: str, seconds: int, connections: int, timeout: int = 10
) -> dict[str, int] | str:
    cmd = [
        wrk,
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        f"{timeout}s",
        "-s",
        str(script),
        base,
    ]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=seconds + timeout + 60, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            return dict(json.loads(line.removeprefix("BENCHJSON ")))
    return f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}"


def measure_http(
    *,
    paths: list[str],
    env: dict[str, str],
    seconds: int,
    connections: int,
    workers: int = 2,
    progress=print,
) -> HttpResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        return HttpResult(False, "wrk is not installed (apt-get install -y wrk)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [
        gunicorn,
        "kumppani.wsgi",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # The master imports the application (kumppani/wsgi.py loads the lemmatizer
        # dictionaries) before forking: the workers share those pages and start warm.
        "--preload",
        # Above the default 30 s, in case a worker is slow to answer on a busy machine.
        "--timeout",
        "120",
    ]
    command = " ".join(["gunicorn", *cmd[1:]])
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
        log = (Path(tmp) / "gunicorn.log").open("wb")
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_until_up(f"{base}/healthz", proc):
                log.flush()
                tail = (Path(tmp) / "gunicorn.log").read_text(errors="replace")[-2000:]
                return HttpResult(False, f"gunicorn did not start:\n{tail}", command=command)
            # The first search in a worker loads the lemmatizer dictionaries: time it, and
            # warm both workers with pairs of concurrent requests until both answer quickly.
            cold = warm_workers(base + paths[0], workers)
            if isinstance(cold, str):
                return HttpResult(False, cold, command=command)
            progress(f"  gunicorn up on {base}; first requests {[round(c) for c in cold]} ms")
            warm = run_wrk(wrk, script, base, 5, connections, timeout=30)
            if isinstance(warm, str):
                return HttpResult(False, warm, command=command)
            progress(f"  wrk: {seconds} s, {connections} connections, 2 threads")
            res = run_wrk(wrk, script, base, seconds, connections, timeout=30)
            if isinstance(res, str):
                return HttpResult(False, res, command=command)
            pids = children(proc.pid)
            errors = sum(res[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
            return HttpResult(
                ok=True,
                rps=res["requests"] / (res["duration_us"] / 1e6),
                requests=res["requests"],
                errors=errors,
                p50_ms=res["p50_us"] / 1000,
                p95_ms=res["p95_us"] / 1000,
                p99_ms=res["p99_us"] / 1000,
                worker_hwm_mb=[vm_hwm_mb(p) for p in pids],
                master_hwm_mb=vm_hwm_mb(proc.pid),
                worker_pss_mb=[pss_mb(p) for p in pids],
                command=command,
                cold_ms=cold,
                message=f"wrk -t 2 -c {connections} -d {seconds}s",
            )
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()


def server_env(database_url: str, secret_key: str) -> dict[str, str]:
    """Environment of a production-like server on loopback."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("KUMPPANI_TESTING", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="kumppani.settings",
    )
    return env
