"""Load test of the HTTP service: N concurrent clients for S seconds, loopback only.

Starts ``casereview serve`` (uvicorn, one worker) on 127.0.0.1 on a free port, then runs
``--clients`` asyncio clients (httpx), each posting decisions in a loop (ISR, follow-up, due
date, evaluate, a refused input) until ``--seconds`` have passed. Reports requests, throughput,
p50/p99 latency and failures (a failure: a transport error or an unexpected status).

    .venv/bin/python benchmarks/load_server.py                 # 50 clients, 60 s
    .venv/bin/python benchmarks/load_server.py --clients 5 --seconds 3

Bounded on purpose: at most 200 clients and 120 seconds, and never another host.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time

import httpx

REQUESTS: list[tuple[str, dict[str, object], int]] = [
    ("/isr", {"harm": "Severe", "duration": "Temporary", "treatment": "Advanced"}, 200),
    ("/follow-up", {"impact": "Major impact", "incident_type": "Self-harm"}, 200),
    ("/due-date", {"endorsed_on": "2024-12-02"}, 200),
    (
        "/evaluate",
        {"cims": {"id": "C-1", "client": "P", "impact": "Major", "incident_type": "Death"}},
        200,
    ),
    ("/isr", {"harm": "Serious"}, 422),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _client(
    base: str, until: float, latencies: list[float], failures: list[str], offset: int
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        i = offset
        while time.perf_counter() < until:
            path, body, status = REQUESTS[i % len(REQUESTS)]
            i += 1
            start = time.perf_counter()
            try:
                response = await client.post(path, json=body)
                if response.status_code != status:
                    failures.append(f"{path}: {response.status_code}")
            except httpx.HTTPError as exc:
                failures.append(f"{path}: {type(exc).__name__}")
            latencies.append(time.perf_counter() - start)


async def _run(base: str, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(_client(base, until, latencies, failures, n) for n in range(clients)))
    return latencies, failures, time.perf_counter() - start


def _wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not become ready in 30 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    clients = max(1, min(args.clients, 200))
    seconds = max(0.5, min(args.seconds, 120.0))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "CASEREVIEW_API_KEY"}
    process = subprocess.Popen(
        [sys.executable, "-m", "casereview", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(base, process)
        latencies, failures, elapsed = asyncio.run(_run(base, clients, seconds))
    finally:
        process.terminate()
        process.wait(timeout=10)
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    print(f"clients: {clients}, duration: {elapsed:.1f} s, server: uvicorn, 1 worker, loopback")
    print(f"requests: {len(latencies):,}, throughput: {len(latencies) / elapsed:,.0f} req/s")
    print(f"latency p50: {quantile(0.50):.1f} ms, p99: {quantile(0.99):.1f} ms")
    print(f"failures: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
