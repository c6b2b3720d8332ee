"""Write one synthetic debate of N claims in three equivalent forms.

- ``<out>/argmap/``: a debate folder (``debate.yaml``, ``sources.yaml``, ``claims-NNN.yaml`` of
  1,000 claims each);
- ``<out>/argmap-no-notes/``: the same debate with no note on any attack, as a map imported
  from Kialo or AIF is (``argmap check`` then warns once per attack across the sides);
- ``<out>/argmap-changed/``: the same debate with 100 claims changed (for ``argmap diff``):
  every hundredth claim's text reworded, a tenth of those with a quote changed too;
- ``<out>/debate.argdown``: the same statements and relations for the Argdown CLI;
- ``<out>/debate.aif.json``: the same as AIF (I nodes, RA/CA nodes) for arguebuf.

Claims have realistic text lengths (15-35 words), one evidence item each (a 15-40 word quote),
and about 1.3 relations each (supports and attacks, mostly to earlier claims, some to the
resolutions). Deterministic for a given N (seeded).

    python benchmarks/generate.py 10000 benchmarks/work/n10000   # run.py does this itself
"""

from __future__ import annotations

import json
import os
import random
import sys

WORDS = ["policy", "law", "market", "evidence", "harm", "safety", "police", "buyers", "sellers", "report", "study", "city", "survey", "rates", "health", "services", "exit", "violence", "records", "legal", "model", "demand", "supply", "court", "data", "trend", "risk", "workers", "rights", "support", "housing", "income", "access", "outreach", "regulation", "licensing", "trafficking", "decline", "increase", "effect", "cause", "women", "men", "people", "community", "program", "funding", "review", "years", "country", "national", "local", "official"]
PER_FILE = 1000


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def make(n: int, seed: int = 7):
    rng = random.Random(seed)
    perspectives = ["side-a", "side-b"]
    resolutions = ["motion-a", "motion-b"]
    n_sources = max(5, n // 10)
    sources = [{"id": f"s{i}", "title": sentence(rng, 4, 9).rstrip("."),
                "publisher": f"Publisher {i % 37}", "type": "academic",
                "published": str(1990 + i % 35)} for i in range(n_sources)]
    claims = []
    for i in range(n):
        side = perspectives[i % 2]
        claim = {"id": f"c{i}", "perspective": side, "text": sentence(rng, 15, 35),
                 "kind": rng.choice(["empirical", "causal", "normative", "statistic"]),
                 "evidence": [{"source": f"s{rng.randrange(n_sources)}",
                               "quote": sentence(rng, 15, 40),
                               "locator": f"p. {rng.randint(1, 300)}"}],
                 "supports": [], "attacks": []}
        # ~1.3 relations per claim: one always, a second 30% of the time
        for _ in range(1 + (rng.random() < 0.3)):
            if i < 20 or rng.random() < 0.05:
                target = resolutions[i % 2]
                kind = "supports"
            else:
                target = f"c{rng.randrange(i)}"
                kind = "supports" if rng.random() < 0.5 else "attacks"
            if target not in claim["supports"] and target not in claim["attacks"]:
                claim[kind].append(target)
        claims.append(claim)
    return perspectives, resolutions, sources, claims


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_argmap(out: str, perspectives, resolutions, sources, claims,
                 notes: bool = True) -> None:
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "debate.yaml"), "w", encoding="utf-8") as fh:
        fh.write("title: Synthetic benchmark debate\nperspectives:\n")
        for p in perspectives:
            fh.write(f"  - id: {p}\n    label: {p.title()}\n")
        fh.write("resolutions:\n")
        for r in resolutions:
            fh.write(f"  - id: {r}\n    text: The {r} should pass.\n")
    with open(os.path.join(out, "sources.yaml"), "w", encoding="utf-8") as fh:
        fh.write("sources:\n")
        for s in sources:
            fh.write(f"  - id: {s['id']}\n    title: {q(s['title'])}\n    publisher: "
                     f"{s['publisher']}\n    type: {s['type']}\n"
                     f"    published: \"{s['published']}\"\n")
    side_of = {c["id"]: c["perspective"] for c in claims}
    for start in range(0, len(claims), PER_FILE):
        with open(os.path.join(out, f"claims-{start // PER_FILE:03d}.yaml"), "w",
                  encoding="utf-8") as fh:
            fh.write("claims:\n")
            for c in claims[start:start + PER_FILE]:
                ev = c["evidence"][0]
                fh.write(f"  - id: {c['id']}\n    perspective: {c['perspective']}\n"
                         f"    text: {q(c['text'])}\n    kind: {c['kind']}\n    evidence:\n"
                         f"      - source: {ev['source']}\n        quote: {q(ev['quote'])}\n"
                         f"        locator: {ev['locator']}\n")
                if c["supports"]:
                    fh.write(f"    supports: [{', '.join(c['supports'])}]\n")
                if c["attacks"]:
                    # an attack on the other side's claim names the point at issue, as a
                    # well-made debate does (argmap check warns without one); block style,
                    # as people write it
                    fh.write("    attacks:\n")
                    for t in c["attacks"]:
                        fh.write(f"      - target: {t}\n        note: Whether {t} holds\n"
                                 if notes and side_of[t] != c["perspective"]
                                 else f"      - {t}\n")


def write_argdown(path: str, perspectives, resolutions, sources, claims) -> None:
    titles = {s["id"]: s["title"] for s in sources}
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("===\ntitle: Synthetic benchmark debate\n===\n\n")
        for r in resolutions:
            fh.write(f"[{r}]: The {r} should pass.\n\n")
        for c in claims:
            ev = c["evidence"][0]
            data = (f'{{source: {q(titles[ev["source"]])}, quote: {q(ev["quote"])}, '
                    f'locator: {q(ev["locator"])}, kind: {c["kind"]}}}')
            fh.write(f"[{c['id']}]: {c['text']} #{c['perspective']} {data}\n")
            for t in c["supports"]:
                fh.write(f"    +> [{t}]\n")
            for t in c["attacks"]:
                fh.write(f"    -> [{t}]\n")
            fh.write("\n")


def write_aif(path: str, perspectives, resolutions, sources, claims) -> None:
    stamp = "2026-11-20 12:00:00"
    nodes, edges = [], []
    for r in resolutions:
        nodes.append({"nodeID": r, "text": f"The {r} should pass.", "type": "I",
                      "timestamp": stamp})
    for c in claims:
        nodes.append({"nodeID": c["id"], "text": c["text"], "type": "I", "timestamp": stamp})
    n = 0
    for c in claims:
        for kind, typ, text in (("supports", "RA", "Default Inference"),
                                ("attacks", "CA", "Default Conflict")):
            for t in c[kind]:
                n += 1
                rel = f"{typ.lower()}{n}"
                nodes.append({"nodeID": rel, "text": text, "type": typ, "timestamp": stamp})
                edges.append({"edgeID": f"e{n}a", "fromID": c["id"], "toID": rel,
                              "formEdgeID": None})
                edges.append({"edgeID": f"e{n}b", "fromID": rel, "toID": t, "formEdgeID": None})
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"nodes": nodes, "edges": edges, "locutions": []}, fh)


def changed(claims: list[dict], count: int = 100) -> list[dict]:
    """``claims`` with ``count`` of them changed, spread evenly: the text reworded (its
    first word replaced), and for every tenth of those the quote too."""
    step = max(1, len(claims) // count)
    out = [dict(c) for c in claims]
    for k, i in enumerate(range(0, len(claims), step)[:count]):
        c = out[i]
        c["text"] = "Reworded: " + c["text"].split(" ", 1)[-1]
        if k % 10 == 0:
            c["evidence"] = [{**c["evidence"][0], "quote": "Changed: " + c["evidence"][0]["quote"]}]
    return out


def main(argv: list[str]) -> None:
    n, out = int(argv[1]), argv[2]
    data = make(n)
    write_argmap(os.path.join(out, "argmap"), *data)
    perspectives, resolutions, sources, claims = data
    write_argmap(os.path.join(out, "argmap-changed"), perspectives, resolutions, sources,
                 changed(claims))
    write_argmap(os.path.join(out, "argmap-no-notes"), *data, notes=False)
    write_argdown(os.path.join(out, "debate.argdown"), *data)
    write_aif(os.path.join(out, "debate.aif.json"), *data)


if __name__ == "__main__":
    main(sys.argv)
