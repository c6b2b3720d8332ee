"""A synthetic debate of any size, built with the model classes (no YAML), for scale tests.

Deterministic for a given size: two perspectives, two resolutions, one source per ten
claims; each claim has a 15–35 word text, one quote, and one or two relations, mostly to an
earlier claim (so replies nest several levels deep), a few to a resolution.
"""

from __future__ import annotations

import random

from argmap.model import Claim, Debate, Evidence, Location, Perspective, Relation, \
    Resolution, Source

WORDS = ["policy", "law", "market", "evidence", "harm", "safety", "police", "report", "study", "city", "survey", "rates", "health", "services", "records", "model", "demand", "supply", "court", "data", "trend", "risk", "rights", "support", "housing", "income", "access", "outreach", "regulation", "licensing", "decline", "increase", "effect", "cause", "people", "community", "program", "funding", "review", "years", "country", "national", "local"]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def synthetic_debate(n: int, seed: int = 7) -> Debate:
    rng = random.Random(seed)
    here = Location("synthetic.yaml", 1, 1)
    perspectives = (Perspective("side-a", "Side A", here, color="#0072B2"),
                    Perspective("side-b", "Side B", here, color="#E69F00"))
    resolutions = (Resolution("motion-a", "The first motion should pass.", here),
                   Resolution("motion-b", "The second motion should pass.", here))
    sources = tuple(Source(f"s{i}", _sentence(rng, 3, 7).rstrip("."), here,
                           publisher=f"Publisher {i % 13}", type="academic",
                           published=str(1990 + i % 35)) for i in range(max(5, n // 10)))
    claims = []
    for i in range(n):
        relations = []
        for _ in range(1 + (rng.random() < 0.3)):
            if i < 20 or rng.random() < 0.03:
                target, kind = resolutions[i % 2].id, "supports"
            else:
                target, kind = f"c{rng.randrange(i)}", rng.choice(("supports", "attacks"))
            if all(r.target != target for r in relations):
                relations.append(Relation(kind, f"c{i}", target, here))
        claims.append(Claim(
            f"c{i}", perspectives[i % 2].id, _sentence(rng, 15, 35), here,
            kind=rng.choice(("empirical", "causal", "normative", "statistic")),
            evidence=(Evidence(rng.choice(sources).id, here, quote=_sentence(rng, 12, 30),
                               locator=f"p. {rng.randint(1, 300)}"),),
            relations=tuple(relations)))
    return Debate("Synthetic debate", here, question="Which motion should pass?",
                  perspectives=perspectives, resolutions=resolutions, claims=tuple(claims),
                  sources=sources)


def layered_debate(layers: int, width: int) -> Debate:
    """``layers`` layers of ``width`` claims, the sides taking turns by layer: layer 0
    supports the first motion, and every claim of each later layer attacks every claim of
    the layer before. The paths through it number width**layers (the shape that made the
    flow grow exponentially); the claims and relations, layers*width and about
    layers*width**2."""
    here = Location("layered.yaml", 1, 1)
    perspectives = (Perspective("side-a", "Side A", here), Perspective("side-b", "Side B", here))
    resolution = Resolution("motion", "The motion should pass.", here)
    source = Source("s", "A source", here)
    claims = []
    for layer in range(layers):
        for k in range(width):
            cid = f"l{layer}c{k}"
            if layer == 0:
                relations = (Relation("supports", cid, resolution.id, here),)
            else:
                relations = tuple(Relation("attacks", cid, f"l{layer - 1}c{j}", here,
                                           note="Layered.") for j in range(width))
            claims.append(Claim(cid, perspectives[layer % 2].id, f"Claim {k} of layer {layer}.",
                                here, evidence=(Evidence("s", here, quote="Words."),),
                                relations=relations))
    return Debate("Layered debate", here, perspectives=perspectives, resolutions=(resolution,),
                  claims=tuple(claims), sources=(source,))
