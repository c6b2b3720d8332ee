"""``argmap flow`` on layered debates (hardening round 2, N3): L layers of K claims, the
sides taking turns by layer, every claim attacking every claim of the layer before, so the
paths through the debate number K**L. Whole processes, with their peak memory.

    python benchmarks/flow_layers.py            # 42 claims in 7 layers, 64 in 8, a hub

The flow writes each claim's answers once and refers to them where the claim comes again,
so time and memory follow the claims and relations (the red-team report measured 44 s and
707 MB for 7x6 before, and 3 GB unfinished for 8x8).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEBATE = """title: Layered debate
perspectives:
  - {id: side-a, label: Side A}
  - {id: side-b, label: Side B}
resolutions:
  - {id: motion, text: The motion should pass.}
"""


def layered_yaml(layers: int, width: int) -> str:
    lines = ["claims:"]
    for layer in range(layers):
        for k in range(width):
            lines += [f"  - id: l{layer}c{k}", f"    perspective: side-{'ab'[layer % 2]}",
                      f"    text: Claim {k} of layer {layer}.",
                      "    evidence: [{source: s, quote: Words.}]"]
            if layer == 0:
                lines.append("    supports: [motion]")
            else:
                targets = ", ".join(f"{{target: l{layer - 1}c{j}, note: Layered.}}"
                                    for j in range(width))
                lines.append(f"    attacks: [{targets}]")
    lines += ["sources:", "  - {id: s, title: A source}"]
    return "\n".join(lines) + "\n"


def hub_yaml(n: int) -> str:
    """One claim attacked by n claims of the other side, and attacking n claims of it."""
    lines = ["claims:", "  - {id: hub, perspective: side-a, text: The hub., supports: [motion],",
             "     evidence: [{source: s, quote: Words.}],",
             "     attacks: ["
             + ", ".join(f"{{target: t{i}, note: Hub.}}" for i in range(n)) + "]}"]
    for i in range(n):
        lines.append(f"  - {{id: t{i}, perspective: side-b, text: Target {i}., "
                     "evidence: [{source: s, quote: Words.}]}")
        lines.append(f"  - {{id: a{i}, perspective: side-b, text: Attacker {i}., "
                     "evidence: [{source: s, quote: Words.}], "
                     "attacks: [{target: hub, note: Hub.}]}")
    lines += ["sources:", "  - {id: s, title: A source}"]
    return "\n".join(lines) + "\n"


def run(name: str, claims_yaml: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "d"
        folder.mkdir()
        (folder / "debate.yaml").write_text(DEBATE)
        (folder / "claims.yaml").write_text(claims_yaml)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "argmap", "flow", str(folder),
                                 "-o", str(Path(tmp) / "out")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        csv = Path(tmp) / "out" / "flow.csv"
        rows = csv.read_text(encoding="utf-8").count("\n") - 1 if status == 0 else 0
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return f"| {name} | {seconds:.2f} s | {peak_mb:.0f} MB | {rows:,} | exit {status >> 8} |"


def main() -> None:
    print("| debate | time | peak memory | CSV rows | status |")
    print("|---|---|---|---|---|")
    for layers, width in ((7, 6), (8, 8)):
        print(run(f"{layers} layers of {width} ({layers * width} claims)",
                  layered_yaml(layers, width)), flush=True)
    print(run("hub: 1 claim, 1,000 attacking it, 1,000 it attacks", hub_yaml(1000)), flush=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # stop a regression at 4 GB
    main()
