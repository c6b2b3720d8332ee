"""The debate as Kialo's text export (what Kialo's "Export discussion" gives, and arguebuf reads).

    Discussion Title: Should the city build protected bike lanes?

    1. The city should build protected bike lanes on Main Street.
    1.1. Pro: Protected lanes cut cyclist injuries.
    1.1.1. Con: The injury study covered one street.
    1.2. Con: Most customers arrive by car. \\([Open letter](https://example.org/letter)\\)
    1.2.1. Pro: -> See 1.1.

* **Theses.** With one resolution it is the thesis, line ``1.``. With several, the discussion
  is multi-thesis as Kialo writes it: line ``1.`` is the question (or the title) and each
  resolution is a child ``1.N.`` with no Pro/Con.
* **The tree.** A claim's children are the claims that relate to it, in the debate's order:
  a support is ``Pro``, an attack ``Con`` (Kialo's Pro/Con is relative to the parent line).
  Kialo has no undercut: an undercut is written as a ``Con`` of the claim whose inference it
  questions, so Kialo, and an import, read it as an attack on that claim.
* **Reuse.** A claim reached a second time (it supports two claims, say) is written
  ``-> See 1.2.3.``, pointing at its first place, and is not expanded again; so every
  relation is one line, and cycles end.
* **Claims no thesis reaches** (they support or attack only claims outside every thesis's
  tree) still appear: each such group hangs from line ``1.`` with no Pro/Con, as a thesis
  would in a multi-thesis discussion.
* **Sources.** Kialo writes sources as Markdown links in the claim's text; each claim ends
  with ``\\([title](url); ...\\)`` for the sources of its evidence that have a URL. Quotes,
  locators and sources without a URL have no place in Kialo and are left out.
* **Text.** Kialo escapes ``( ) [ ]`` with a backslash (arguebuf removes the backslashes);
  a line break in a text becomes a space, since a new line would end the claim.

Perspectives, kinds, tags, notes and agreement are not written: Kialo has no place for them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import networkx as nx

from ..model import Claim, Debate

__all__ = ["to_kialo", "escape", "STANCE"]

STANCE = {"supports": "Pro", "attacks": "Con", "undercuts": "Con"}
_SPECIAL = re.compile(r"([\\()\[\]])")


def escape(text: str) -> str:
    """One line of Kialo text: whitespace collapsed, ``\\ ( ) [ ]`` backslash-escaped, and a
    leading ``-`` too (as Kialo's Markdown escapes it), so that a claim that reads "-> See
    1.1." stays a claim and is not taken for a link to another line."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return "\\" + text if text.startswith("-") else text


def _url(url: str) -> str:
    """A link target Kialo's Markdown (and arguebuf's link pattern) reads whole: parentheses,
    spaces and backslashes percent-encoded, which names the same address."""
    return quote(url.strip(), safe="".join(chr(c) for c in range(33, 127)
                                           if chr(c) not in "()\\ []"))


def _links(debate: Debate, claim: Claim) -> str:
    """`` \\([title](url); ...\\)`` for the claim's sources that have a URL, each once."""
    seen, links = set(), []
    for ev in claim.evidence:
        source = debate.sources_by_id.get(ev.source)
        if source is None or not source.url or source.id in seen:
            continue
        seen.add(source.id)
        links.append(f"[{escape(source.title)}]({_url(source.url)})")
    return f" \\({'; '.join(links)}\\)" if links else ""


def to_kialo(debate: Debate, graph: nx.MultiDiGraph | None = None) -> str:
    """The debate as Kialo's text export (the graph is not needed: the model has it all)."""
    claims = debate.claims_by_id
    children: dict[str, list[tuple[str, str]]] = {}  # parent -> [(stance, child claim id)]
    for c in debate.claims:
        for r in c.relations:
            if r.target in claims or r.target in debate.resolutions_by_id:
                children.setdefault(r.target, []).append((STANCE[r.kind], c.id))

    lines = [f"Discussion Title: {' '.join(debate.title.split())}", ""]
    placed: dict[str, str] = {}  # claim id -> the path of its first line

    def text_of(node: str) -> str:
        if node in claims:
            return escape(claims[node].text) + _links(debate, claims[node])
        return escape(debate.resolutions_by_id[node].text)

    def expand(node: str, path: str) -> None:
        """Write the children of ``node`` (at ``path``) depth first; iterative, so a deep
        chain of claims cannot overflow Python's stack."""
        stack = [(node, path, 0)]
        while stack:
            parent, at, i = stack.pop()
            kids = children.get(parent, [])
            if i >= len(kids):
                continue
            stack.append((parent, at, i + 1))
            stance, child = kids[i]
            here = f"{at}{i + 1}."
            if child in placed:
                lines.append(f"{here} {stance}: -> See {placed[child]}")
                continue
            placed[child] = here
            lines.append(f"{here} {stance}: {text_of(child)}")
            stack.append((child, here, 0))

    roots: list[str] = [r.id for r in debate.resolutions]
    if len(roots) == 1:
        lines.append(f"1. {text_of(roots[0])}")
        expand(roots[0], "1.")
        top = len(children.get(roots[0], []))
    else:
        lines.append(f"1. {escape(debate.question or debate.title)}")
        top = 0
        for r in roots:
            top += 1
            lines.append(f"1.{top}. {text_of(r)}")
            expand(r, f"1.{top}.")
    for c in debate.claims:  # claims no thesis reaches
        if c.id in placed:
            continue
        top += 1
        here = f"1.{top}."
        placed[c.id] = here
        lines.append(f"{here} {text_of(c.id)}")
        expand(c.id, here)
    return "\n".join(lines) + "\n"
