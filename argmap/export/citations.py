"""The map's sources as a bibliography: CSL-JSON (Zotero, pandoc, citeproc) and BibTeX.

Both are written by hand: CSL-JSON is plain JSON, and for BibTeX the one thing a library
would add, escaping, is small enough to get exactly right here (see :func:`bibtex_escape`).

Names. ``author`` is free text; it is split into names at ``;`` (or, when there is no ``;``,
at `` and `` / `` & ``). A name written ``Family, Given`` becomes a person; anything else
(``Amnesty International``, ``Ana Rivera``) stays one literal name, since guessing which word
is a family name would be wrong as often as right; a single word (``Farley; Cotton``) is a
family name. A trailing ``et al.`` becomes BibTeX's
``and others``; CSL-JSON has no way to say it, so it is left out there.

Types. A source's ``work`` (what kind of publication it is) decides first; without one, its
``type`` (who made it) decides as far as it can:

=============  ===================  ==================================================
``work``       CSL type             BibTeX entry
=============  ===================  ==================================================
article        article-journal      article (journal = ``container_title``; misc if none)
book           book                 book
chapter        chapter              incollection (booktitle = ``container_title``)
report         report               techreport
thesis         thesis               misc
webpage        webpage              misc
law            legislation          misc
=============  ===================  ==================================================

=============  ========================================  ==================
``type``       CSL type                                  BibTeX entry
=============  ========================================  ==================
academic       article-journal                           misc
government     report                                    techreport
ngo            report                                    techreport
news           article-newspaper                         misc
legal          legislation                               misc
advocacy       webpage with a URL, else report           misc
other / none   webpage with a URL, else document         misc
=============  ========================================  ==================

``container_title``, ``volume``, ``issue``, ``pages`` and ``doi`` become CSL's
``container-title``, ``volume``, ``issue``, ``page`` and ``DOI``, and BibTeX's ``journal`` (or
``booktitle``), ``volume``, ``number``, ``pages`` (with ``--`` for a range) and ``doi``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import networkx as nx

from ..lookup import node_ids
from ..model import Debate

__all__ = ["split_names", "date_parts", "csl_items", "to_csl_json", "bibtex_escape",
           "to_bibtex"]

_CSL_TYPES = {"academic": "article-journal", "government": "report", "ngo": "report",
              "news": "article-newspaper", "legal": "legislation"}
_BIBTEX_TYPES = {"government": "techreport", "ngo": "techreport"}

_ET_AL = re.compile(r"[,;]?\s*(et al\.?|and others)\s*$", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_YEAR = re.compile(r"\b(\d{4})\b")


def split_names(author: str) -> tuple[list[dict], bool]:
    """``([{"family", "given"} | {"literal"}], others)`` for an ``author`` string."""
    text = author.strip()
    others = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip()
    if not text:
        return [], others
    parts = text.split(";") if ";" in text else re.split(r"\s+(?:and|&)\s+", text)
    names = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if part.count(",") == 1:
            family, given = (s.strip() for s in part.split(","))
            if family and given:
                names.append({"family": family, "given": given})
                continue
        if " " not in part and "," not in part:  # "Farley; Cotton": family names alone
            names.append({"family": part})
            continue
        names.append({"literal": part})
    return names, others


def date_parts(value: str) -> dict | None:
    """A CSL date: ``{"date-parts": [[y, m, d]]}`` for ISO dates (or their year or month),
    ``{"literal": value}`` for anything else, None for nothing."""
    value = value.strip()
    if not value:
        return None
    m = _ISO.match(value)
    if m is None:
        return {"literal": value}
    return {"date-parts": [[int(p) for p in m.groups() if p is not None]]}


_CSL_WORKS = {"article": "article-journal", "book": "book", "chapter": "chapter",
              "report": "report", "thesis": "thesis", "webpage": "webpage",
              "law": "legislation"}
_BIBTEX_WORKS = {"article": "article", "book": "book", "chapter": "incollection",
                 "report": "techreport"}


def _csl_type(d: dict) -> str:
    work = d.get("work", "")
    if work == "article" and d["source_type"] == "news":
        return "article-newspaper"
    if work in _CSL_WORKS:
        return _CSL_WORKS[work]
    if d["source_type"] in _CSL_TYPES:
        return _CSL_TYPES[d["source_type"]]
    if d["url"]:
        return "webpage"
    return "report" if d["source_type"] == "advocacy" else "document"


def csl_items(graph: nx.MultiDiGraph) -> list[dict]:
    """One CSL-JSON item per source, sorted by id; empty fields left out."""
    items = []
    for s in sorted(node_ids(graph, "source")):
        d = graph.nodes[s]
        item: dict = {"id": s, "type": _csl_type(d), "title": d["title"]}
        names, _ = split_names(d["author"])
        if names:
            item["author"] = names
        if d["publisher"]:
            item["publisher"] = d["publisher"]
        if d["url"]:
            item["URL"] = d["url"]
        for key, field in (("container-title", "container_title"), ("volume", "volume"),
                           ("issue", "issue"), ("page", "pages"), ("DOI", "doi")):
            if d.get(field):
                item[key] = d[field]
        for key, field in (("issued", "published"), ("accessed", "accessed")):
            date = date_parts(d[field])
            if date is not None:
                item[key] = date
        items.append(item)
    return items


def to_csl_json(debate: Debate | None, graph: nx.MultiDiGraph) -> str:
    """The sources as a CSL-JSON array (what Zotero imports and ``pandoc --citeproc`` reads)."""
    return json.dumps(csl_items(graph), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---- BibTeX --------------------------------------------------------------------------------

# Characters special to TeX, which typesets what BibTeX copies out. Braces get their text
# commands, not \{ and \}: BibTeX counts braces before TeX sees the backslash, so a lone
# escaped brace would still unbalance the field and break the file.
_BIB_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIB_SPECIAL = re.compile("[" + re.escape("".join(_BIB_ESCAPES)) + "]")


def bibtex_escape(text: str) -> str:
    """Text for a braced BibTeX field: TeX's special characters written as TeX commands,
    line breaks as spaces. Other Unicode is kept (biber and bibtex8 read UTF-8)."""
    text = " ".join(text.split())
    return _BIB_SPECIAL.sub(lambda m: _BIB_ESCAPES[m.group()], text)


_URL_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in "{}\\")


def _bibtex_url(url: str) -> str:
    """URLs are read verbatim by biblatex and ``\\url``: no TeX escapes, which would become
    part of the address. Braces, backslashes and spaces are percent-encoded instead (the same
    address), so the field stays balanced."""
    return quote(url.strip(), safe=_URL_SAFE)


def _bibtex_names(author: str) -> str:
    names, others = split_names(author)
    parts = [(f"{bibtex_escape(n['family'])}, {bibtex_escape(n['given'])}" if n.get("given")
              else bibtex_escape(n["family"])) if "family" in n
             else "{" + bibtex_escape(n["literal"]) + "}"  # braced: never split into parts
             for n in names]
    if others and parts:
        parts.append("others")
    return " and ".join(parts)


def _bibtex_type(d: dict) -> str:
    work = d.get("work", "")
    if work in ("article", "chapter") and not d.get("container_title"):
        return "misc"  # an article without its journal: a valid entry beats a warned one
    return _BIBTEX_WORKS.get(work) or _BIBTEX_TYPES.get(d["source_type"], "misc")


_PUBLISHER_FIELD = {"techreport": "institution", "book": "publisher",
                    "incollection": "publisher", "article": "publisher"}


def _bibtex_entry(s: str, d: dict) -> str:
    entry_type = _bibtex_type(d)
    fields: list[tuple[str, str]] = []
    if d["author"]:
        fields.append(("author", _bibtex_names(d["author"])))
    # Double braces keep the title's capitals as written: styles would otherwise lowercase it.
    fields.append(("title", "{" + bibtex_escape(d["title"]) + "}"))
    if d.get("container_title") and entry_type in ("article", "incollection"):
        fields.append(("journal" if entry_type == "article" else "booktitle",
                       bibtex_escape(d["container_title"])))
    for name, field in (("volume", "volume"), ("number", "issue")):
        if d.get(field):
            fields.append((name, bibtex_escape(d[field])))
    if d.get("pages"):
        fields.append(("pages", bibtex_escape(re.sub(r"\s*[–—-]+\s*", "--", d["pages"]))))
    if d["publisher"]:
        fields.append((_PUBLISHER_FIELD.get(entry_type, "howpublished"),
                       bibtex_escape(d["publisher"])))
    if d.get("doi"):
        fields.append(("doi", _bibtex_url(d["doi"])))
    year = _YEAR.search(d["published"] or "")
    if year:
        fields.append(("year", year.group(1)))
    iso = _ISO.match(d["published"] or "")
    if iso and iso.group(2):
        fields.append(("date", d["published"]))  # biblatex's full date, when more than a year
    if d["url"]:
        fields.append(("url", _bibtex_url(d["url"])))
    if _ISO.match(d["accessed"] or ""):
        fields.append(("urldate", d["accessed"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{s},\n{body}\n}}\n"


def to_bibtex(debate: Debate | None, graph: nx.MultiDiGraph) -> str:
    """The sources as BibTeX entries, keyed by source id, sorted by id."""
    return "\n".join(_bibtex_entry(s, graph.nodes[s])
                     for s in sorted(node_ids(graph, "source")))
