"""Assistant benchmarks (run by `make bench`): prints a Markdown section.

Training time from scratch, cold start (both servers until they answer), their
memory, and the latency of chat turns through the web app's /chat (browser
session, CSRF, Rasa, action server, REST API): one user, then ten at once.
Everything runs on loopback, with bounded loops. Run with the assistant's Python.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from servers import HERE, RASA, free_port, start_actions, start_rasa, start_web, stop, wait_until_up

QUESTIONS = ["hva koster det å leie gymsal", "når kan man leie", "hei",
             "what is the cancellation policy", "har aulaen på Jar skole piano"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Visitor:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        page = self.http.get(base + "/", timeout=10).text
        self.csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def turn(self, message: str) -> float:
        start = time.perf_counter()
        response = self.http.post(self.base + "/chat", json={"message": message},
                                  headers={"X-CSRFToken": self.csrf}, timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200 and response.json()["messages"], response.text
        return elapsed


def concurrent_turns(base: str, users: int, turns: int) -> list[float]:
    visitors = [Visitor(base) for _ in range(users)]
    for visitor in visitors:
        visitor.turn("hei")  # warm-up
    barrier = threading.Barrier(users)
    results: list[float] = []
    lock = threading.Lock()

    def run(visitor: Visitor) -> None:
        barrier.wait()
        for n in range(turns):
            elapsed = visitor.turn(QUESTIONS[n % len(QUESTIONS)])
            with lock:
                results.append(elapsed)

    threads = [threading.Thread(target=run, args=(v,)) for v in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-chat-"))
    # A fresh component cache, or Rasa reuses what earlier trainings left in .rasa/.
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false",
           "RASA_CACHE_DIRECTORY": str(work / "cache")}
    start = time.perf_counter()
    subprocess.run([str(RASA), "train", "--out", str(work), "--fixed-model-name", "bench"],
                   cwd=HERE, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    training_s = time.perf_counter() - start

    ports = {"web": free_port(), "rasa": free_port(), "actions": free_port()}
    web = start_web(work / "web.sqlite3", ports["web"], ports["rasa"])
    base = f"http://127.0.0.1:{ports['web']}"
    start = time.perf_counter()
    actions = start_actions(ports["actions"], base + "/api/v1", work)
    rasa = start_rasa(ports["rasa"], ports["actions"], work / "bench.tar.gz", work)
    try:
        wait_until_up(f"http://127.0.0.1:{ports['actions']}/health", actions, timeout=180)
        wait_until_up(f"http://127.0.0.1:{ports['rasa']}/", rasa, timeout=300)
        cold_start_s = time.perf_counter() - start
        one = concurrent_turns(base, users=1, turns=60)
        ten = concurrent_turns(base, users=10, turns=20)
        memory = (rss_mb(rasa.pid), rss_mb(actions.pid))
    finally:
        stop(rasa, actions, web)

    def verdict(value: float, target: float) -> str:
        return "meets" if value <= target else "**misses**"

    print("\n".join([
        "## The assistant", "",
        "Chat turns go through the web app's `/chat` (session, CSRF, signed chat token) to "
        "Rasa's REST channel, the action server and the REST API, all on loopback; the "
        "questions are answered from live API data.", "",
        "| measure | target | result |", "|---|---|---|",
        f"| training from scratch | ≤ 180 s | {training_s:.0f} s ({verdict(training_s, 180)}) |",
        f"| cold start, both servers until they answer | ≤ 90 s | {cold_start_s:.0f} s "
        f"({verdict(cold_start_s, 90)}) |",
        f"| chat turn, one user, p50 / p95 ({len(one)} turns) | p95 ≤ 300 ms | "
        f"{statistics.median(one):.0f} / {percentile(one, 95):.0f} ms "
        f"({verdict(percentile(one, 95), 300)}) |",
        f"| chat turn, ten users at once, p50 / p95 ({len(ten)} turns) | p95 ≤ 1000 ms | "
        f"{statistics.median(ten):.0f} / {percentile(ten, 95):.0f} ms "
        f"({verdict(percentile(ten, 95), 1000)}) |",
        f"| memory (resident): Rasa server / action server | | {memory[0]:.0f} / "
        f"{memory[1]:.0f} MiB |",
        "",
    ]))


if __name__ == "__main__":
    sys.exit(main())
