"""Time ``argmap check`` on a debate whose sources are 50 archived PDFs of 30 pages each.

    python benchmarks/pdf_archives.py [--pdfs 50] [--pages 30] [--runs 5]

The PDFs are generated with pypdf (Helvetica text, 45 lines a page, words hyphenated at some
line ends), each cited by three quotes with page locators, one of them across a page break.
Whole processes are timed: once cold (an empty cache folder: every PDF extracted), then
``--runs`` times warm (the extracted text read from the cache), and the median is printed.
The target (#28): at most 2 s warm.

Measured on the project's machine (2 cores, shared and loaded), 50 PDFs of 30 pages, 8.7 MB,
200 quotes: cold 304 s (pdfminer.six, about 0.2 s a page on a free core), warm 1.01 s median
of 5 (0.84-1.28 s).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject)

HERE = Path(__file__).resolve().parent
WORDS = ["rehabilitation", "programme", "patients", "evidence", "hospital", "community",
         "services", "outcomes", "exercise", "maintenance", "supervised", "education",
         "sessions", "nurses", "physiotherapist", "travel", "attendance", "funding", "budget",
         "surgeries", "practices", "specialist", "support", "motivation", "confidence",
         "quality", "life", "review", "trial", "cohort", "analysis", "results", "findings"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(path: Path, pages: int, rng: random.Random) -> list[list[str]]:
    """A PDF of ``pages`` pages of text; returns its lines, page by page."""
    writer = PdfWriter()
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    font_ref = writer._add_object(font)
    text = []
    for n in range(pages):
        page = writer.add_blank_page(612, 792)
        lines = [f"Synthetic Journal of Benchmarks {n + 1}"]
        for _ in range(45):
            line = " ".join(rng.choice(WORDS) for _ in range(11))
            if rng.random() < 0.15:  # hyphenate the last word at the line end
                last = rng.choice(WORDS)
                line += f" {last[: len(last) // 2]}-"
                lines.append(line)
                line = last[len(last) // 2:] + " " + " ".join(rng.choice(WORDS)
                                                              for _ in range(9))
            lines.append(line)
        ops = ["BT", "/F1 9 Tf", "11 TL", "60 760 Td"]
        ops += [f"({_escape(line)}) '" for line in lines]
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref}),
            NameObject("/ProcSet"): ArrayObject([NameObject("/PDF"), NameObject("/Text")])})
        text.append(lines)
    with open(path, "wb") as fh:
        writer.write(fh)
    return text


def make_debate(root: Path, pdfs: int, pages: int) -> None:
    rng = random.Random(28)
    (root / "archive").mkdir(parents=True)
    (root / "debate.yaml").write_text(
        "title: PDF archives benchmark\nperspectives:\n  - id: a\n    label: A\n"
        "archives: [archive]\n")
    sources, claims = ["sources:"], ["claims:"]
    for i in range(pdfs):
        lines = make_pdf(root / "archive" / f"paper-{i:02d}.pdf", pages, rng)
        sources += [f"  - id: paper-{i:02d}", f"    title: Paper {i}",
                    f"    archive: paper-{i:02d}.pdf"]
        claims += [f"  - id: claim-{i:02d}", "    perspective: a",
                   f"    text: What paper {i} found.", "    evidence:"]
        for page in (2, pages // 2, pages - 1):
            line = next(ln for ln in lines[page - 1][20:] if not ln.endswith("-"))
            claims += [f"      - source: paper-{i:02d}", f'        quote: "{line}"',
                       f"        locator: p. {page}"]
        # across a page break: the last words of one page and the first of the next
        last = lines[3][-1].split()[-4:]
        first = lines[4][1].split()[:4]
        if not lines[3][-1].endswith("-"):
            claims += [f"      - source: paper-{i:02d}",
                       f'        quote: "{" ".join(last + first)}"', "        locator: pp. 4-5"]
    (root / "sources.yaml").write_text("\n".join(sources) + "\n")
    (root / "claims.yaml").write_text("\n".join(claims) + "\n")


def timed(args: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    summary = [line for line in (done.stdout + done.stderr).splitlines() if "quotes:" in line]
    return time.perf_counter() - start, (summary or ["(no summary)"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "debate"
        started = time.perf_counter()
        make_debate(root, opts.pdfs, opts.pages)
        size = sum(p.stat().st_size for p in (root / "archive").iterdir())
        print(f"generated {opts.pdfs} PDFs of {opts.pages} pages ({size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - started:.1f} s")
        env = dict(os.environ, ARGMAP_CACHE_DIR=str(Path(work) / "cache"))
        env["PYTHONPATH"] = str(HERE.parent) + os.pathsep + env.get("PYTHONPATH", "")
        args = [sys.executable, "-m", "argmap", "check", str(root)]
        cold, summary = timed(args, env)
        print(f"cold (every PDF extracted): {cold:.2f} s   {summary}")
        warm = [timed(args, env)[0] for _ in range(opts.runs)]
        print(f"warm (text from the cache), median of {opts.runs}: "
              f"{statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f})")


if __name__ == "__main__":
    main()
