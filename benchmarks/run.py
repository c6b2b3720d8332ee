"""Time argmap against the parse floor and the peer tools on the same synthetic debates.

    pip install '.[bench]' && python benchmarks/run.py

Whole processes are timed (median of ``--runs``, the commands taking turns round by round)
with their peak memory (max RSS from ``wait4``), side by side in one run, at each size:

- floors: a Python process that does nothing, and one that parses the same YAML with
  PyYAML's C loader;
- ``argmap check`` and ``argmap build`` (every default output; Graphviz's own layout is left
  out, as it is the same program for every tool), both cold (no parse cache, no earlier
  output); ``check`` again with its parse cache warm, and a rebuild after one file changed;
- ``argmap diff`` of the debate and a version of it with 100 claims changed, cold;
- Argdown (npm ``@argdown/cli``): ``argdown json`` and ``argdown map --format dot``;
- arguebuf: load the AIF file and write Graphviz DOT.

Then, in headless Chromium, the time until a 2,000-claim ``index.html`` is interactive, and
whether a 10,000-claim page opens and answers a click; and ``argmap serve`` on the 1,000-claim
debate: from a saved edit to the server's new version, and to the reloaded page
(``--serve-only`` measures only that, and prints it without touching ``results.md``). The
table goes to stdout and to
``benchmarks/results.md``. Peers that are missing are installed into ``benchmarks/work``
(npm) or reported as skipped.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
ROOT = HERE.parent
ARGDOWN_VERSION = "1.7.5"  # 2.0.0 depends on a plugin version that was never published

FLOOR = """
import glob, sys, yaml
for path in sorted(glob.glob(sys.argv[1] + "/**/*.yaml", recursive=True)):
    with open(path, "rb") as fh:
        yaml.load(fh, Loader=yaml.CSafeLoader)
"""

ARGUEBUF = """
import sys, arguebuf
graph = arguebuf.load.file(sys.argv[1])
dot = arguebuf.dump.graphviz(graph, max_nodes=10**9)
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    fh.write(dot.source)
"""


class Timing:
    """One command to time: its argv, environment, and what to do before each run."""

    def __init__(self, cmd: list[str], env: dict | None = None, before=None,
                 ok: tuple[int, ...] = (0,)):
        self.cmd, self.env, self.before, self.ok = cmd, env, before, ok
        self.times: list[float] = []
        self.peaks: list[float] = []
        self.failed = False

    def run_once(self) -> None:
        if self.failed:
            return
        if self.before:
            self.before()
        # stderr goes to a file, read after the process ends: a pipe would fill up and stop
        # a command that writes many diagnostics (the warnings of a large debate)
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=errors,
                                    env=self.env)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            errors.seek(0)
            err = errors.read().decode("utf-8", "replace")
        code = os.waitstatus_to_exitcode(status)
        if code not in self.ok:
            print(f"  ! {' '.join(self.cmd[:4])} exited {code}: {err.strip()[-300:]}",
                  file=sys.stderr)
            self.failed = True
            return
        self.times.append(elapsed)
        self.peaks.append(usage.ru_maxrss / 1024)

    def result(self) -> tuple[float, float] | None:
        """Median wall seconds and max peak RSS (MB), or None if the command failed."""
        if self.failed or not self.times:
            return None
        return statistics.median(self.times), max(self.peaks)


def measure_all(timings: dict[str, Timing], runs: int) -> dict[str, tuple[float, float] | None]:
    """Every command once per round, ``runs`` rounds: a burst of load on the machine then
    slows one round of every command, not all the runs of one, so the ratios between
    commands hold even when the seconds wobble."""
    for _ in range(runs):
        for timing in timings.values():
            timing.run_once()
    return {name: timing.result() for name, timing in timings.items()}


def compile_argmap() -> None:
    """Byte-compile argmap as ``pip install`` does. An editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module in every timed process,
    which no installed copy does (and the peers don't pay)."""
    import argmap
    compileall.compile_dir(os.path.dirname(argmap.__file__), quiet=1)


def ensure_data(n: int) -> Path:
    """The generated debates of size ``n``, made again whenever the generator changed."""
    out = WORK / f"n{n}"
    stamp = out / ".generator"
    version = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    if not (out / "argmap" / "debate.yaml").exists() or \
            not stamp.exists() or stamp.read_text() != version:
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(out)], check=True)
        stamp.write_text(version)
    return out


def argdown_bin() -> str | None:
    binary = WORK / "node_modules" / ".bin" / "argdown"
    if not binary.exists() and shutil.which("npm"):
        print(f"installing @argdown/cli@{ARGDOWN_VERSION} into {WORK} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(WORK),
                        f"@argdown/cli@{ARGDOWN_VERSION}"], check=False,
                       stdout=subprocess.DEVNULL)
    return str(binary) if binary.exists() else None


def has_arguebuf() -> bool:
    return subprocess.run([sys.executable, "-c", "import arguebuf"],
                          capture_output=True).returncode == 0


def touch_one_file(folder: Path):
    """A warm rebuild: change one claim's text in one file (content, not just mtime)."""
    target = folder / "claims-000.yaml"
    original = target.read_text(encoding="utf-8")
    state = {"n": 0}

    def change():
        state["n"] += 1
        target.write_text(original.replace("    text: ", f"    text: (edit {state['n']}) ", 1),
                          encoding="utf-8")
    return change, lambda: target.write_text(original, encoding="utf-8")


def bench_size(n: int, runs: int, peers: bool) -> dict[str, tuple[float, float] | None]:
    data = ensure_data(n)
    debate = str(data / "argmap")
    out = str(WORK / f"out{n}")
    argmap = [sys.executable, "-m", "argmap"]
    env = {**os.environ, "NO_COLOR": "1"}
    print(f"N = {n:,}", file=sys.stderr)
    cache = WORK / "user-cache"
    env["ARGMAP_CACHE_DIR"] = str(cache)

    def cold():
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)

    build = argmap + ["build", debate, "-o", out, "--no-graphviz"]
    change, restore = touch_one_file(Path(debate))

    timings = {
        # what any Python command pays before its first line: the rebuild target's scale
        "floor: Python start-up": Timing([sys.executable, "-c", "pass"]),
        "floor: PyYAML C loader parse": Timing([sys.executable, "-c", FLOOR, debate]),
        "argmap check": Timing(argmap + ["check", debate], env, before=cold),
        # each round runs these in this order: the warm check follows a cold one, and the
        # rebuild follows a build, with one file changed in between
        "argmap check, cache warm": Timing(argmap + ["check", debate], env),
        "argmap build (cold)": Timing(build, env, before=cold),
        "argmap rebuild, one file changed": Timing(build, env, before=change),
        # the Graphviz source alone: the same work as the peers' DOT rows below
        "argmap export --format dot": Timing(
            argmap + ["export", debate, "--format", "dot", "-o", str(WORK / "export.dot")],
            env, before=cold),
    }
    changed = data / "argmap-changed"
    if changed.is_dir():  # 100 claims reworded (10 quotes changed): exit 1, "they differ"
        timings["argmap diff, 100 claims changed"] = Timing(
            argmap + ["diff", debate, str(changed)], env, before=cold, ok=(1,))
    bare = data / "argmap-no-notes"
    if bare.is_dir():  # every cross-side attack without a note: thousands of warnings
        timings["argmap check, attacks without notes"] = Timing(
            argmap + ["check", str(bare)], env, before=cold)
        timings["argmap build (cold), attacks without notes"] = Timing(
            argmap + ["build", str(bare), "-o", out, "--no-graphviz"], env, before=cold)
    if peers:
        binary = argdown_bin()
        if binary:
            ad = str(data / "debate.argdown")
            timings["argdown json"] = Timing([binary, "json", ad, str(WORK / "ad-json")])
            timings["argdown map --format dot"] = Timing(
                [binary, "map", "--format", "dot", ad, str(WORK / "ad-dot")])
        if has_arguebuf():
            timings["arguebuf: AIF to DOT"] = Timing(
                [sys.executable, "-c", ARGUEBUF, str(data / "debate.aif.json"),
                 str(WORK / "arguebuf.dot")])
    try:
        return measure_all(timings, runs)
    finally:
        restore()


def browser_part() -> list[str]:
    """Time to interactive of 2,000- and 10,000-claim pages in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["browser part skipped: playwright is not installed"]
    chromium = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        return [f"browser part skipped: no Chromium at {chromium}"]
    lines = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for n in (2000, 10000):
            data = ensure_data(n)
            out = WORK / f"page{n}"
            subprocess.run([sys.executable, "-m", "argmap", "build", str(data / "argmap"), "-o",
                            str(out), "--no-graphviz"], check=True, capture_output=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto((out / "index.html").as_uri())
            # the page's CSP forbids eval, so the predicate must be a function
            page.wait_for_function("() => window.argmapReady === true", timeout=120000)
            ready = time.perf_counter() - start
            page.click("#am-tab-diagram")
            if page.locator(".am-nodes .am-group").count():  # zoomed out: into a group first
                page.click(".am-nodes .am-group >> nth=0")
            # responsive: a click on a claim box in view opens its detail panel promptly
            in_view = page.evaluate("""() => {
                const s = document.getElementById('am-svg').getBoundingClientRect();
                const g = Array.from(document.querySelectorAll('.am-nodes .am-node.claim'))
                  .find(g => { const r = g.getBoundingClientRect();
                    return r.left > s.left && r.right < s.right && r.top > s.top
                           && r.bottom < s.bottom; });
                return g ? g.getAttribute('data-id') : null; }""")
            start = time.perf_counter()
            page.click(f'.am-node[data-id="{in_view}"]', timeout=60000)
            page.wait_for_selector("#am-panel:not([hidden])", timeout=60000)
            click = time.perf_counter() - start
            lines.append(f"| {n:,}-claim index.html | interactive after {ready:.2f} s | "
                         f"a click answered in {click:.2f} s |")
            page.close()
        lines += bundled_map_part(browser)
        browser.close()
    return lines


def bundled_map_part(browser) -> list[str]:
    """The bundled debate as a reader meets it: its layout and atlas computed (in this
    process), its page made interactive, and printed to A4 by Chromium."""
    sys.path.insert(0, str(ROOT))
    import argmap
    from argmap.branches import branches
    from argmap.layout import layout
    from argmap.render.atlas import paginate

    debate, _ = argmap.load(str(ROOT / "claims"))
    graph = argmap.build_graph(debate)
    start = time.perf_counter()
    lay = layout(graph)
    sheets = paginate(graph, branches(graph))
    laid = time.perf_counter() - start
    out = WORK / "bundled"
    subprocess.run([sys.executable, "-m", "argmap", "build", str(ROOT / "claims"), "-o",
                    str(out), "--no-graphviz"], check=True, capture_output=True)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    start = time.perf_counter()
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("() => window.argmapReady === true", timeout=120000)
    ready = time.perf_counter() - start
    start = time.perf_counter()
    pdf = page.pdf(format="A4", print_background=True)
    printed = time.perf_counter() - start
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    page.close()
    claims = len(debate.claims)
    return [f"| bundled map ({claims} claims): layout and atlas | {laid:.2f} s "
            f"(map {lay.width:.0f} x {lay.height:.0f} px, {len(sheets)} atlas pages) | |",
            f"| bundled map: page interactive, then printed to A4 | {ready:.2f} s | "
            f"printed in {printed:.2f} s, {pages} pages |"]


SERVE_TARGET = 0.3  # seconds from a saved edit to the reloaded page (#16)


def serve_part(n: int, samples: int, browser: bool) -> list[str]:
    """``argmap serve`` on the ``n``-claim debate, as a process of its own: ``samples`` edits of
    one claim's text, each timed from writing the file to the server's version counter
    moving (its long poll answering) and, in Chromium, to the reloaded page's load event."""
    import json
    import urllib.request

    debate = ensure_data(n) / "argmap"
    change, restore = touch_one_file(debate)
    env = {**os.environ, "NO_COLOR": "1", "ARGMAP_CACHE_DIR": str(WORK / "user-cache")}
    server = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(debate), "--port",
                               "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env=env)
    versions, pages, loads, rebuilds = [], [], [], []
    opened = None
    try:
        url = ""
        while not url:
            line = server.stdout.readline()
            if not line:
                return [f"| argmap serve, {n:,} claims | did not start | |"]
            if line.startswith("serving "):
                url = line.split(" at ")[1].split(" ")[0]

        def state(seen: int) -> dict:
            with urllib.request.urlopen(f"{url}_argmap/wait?seen={seen}", timeout=60) as r:
                return json.loads(r.read())

        opened = _serve_page(url) if browser else None
        page = opened[2] if opened else None
        seen = state(0)["version"]
        for _ in range(samples):
            started, wall = time.perf_counter(), time.time()
            change()
            now = state(seen)
            versions.append(time.perf_counter() - started)
            rebuilds.append(now["seconds"])
            seen = now["version"]
            if page is not None:
                page.wait_for_function(f"() => document.querySelector("
                                       f"'meta[name=argmap-built]').content === '{seen}' "
                                       "&& window.argmapReady === true", timeout=60000)
                origin, loaded = page.evaluate(
                    "() => [performance.timeOrigin, "
                    "performance.getEntriesByType('navigation')[0].loadEventEnd]")
                pages.append((origin + loaded) / 1000 - wall)
                loads.append(loaded / 1000)  # from the reload's start: the browser's part
    finally:
        if opened:
            opened[1].close()
            opened[0].stop()
        server.terminate()
        server.wait(timeout=10)
        restore()
    version = statistics.median(versions)
    lines = [f"| argmap serve, {n:,} claims: saved edit to new version (median of {samples}) | "
             f"{version:.2f} s | target {SERVE_TARGET} s: "
             f"{'holds' if version <= SERVE_TARGET else 'MISSED'}; of which the check and "
             f"build: {statistics.median(rebuilds):.2f} s |"]
    if pages:
        reload = statistics.median(pages)
        lines.append(f"| argmap serve, {n:,} claims: saved edit to reloaded page, loaded "
                     f"(median of {samples}) | {reload:.2f} s | target {SERVE_TARGET} s: "
                     f"{'holds' if reload <= SERVE_TARGET else 'MISSED'}; of which Chromium "
                     f"reloading the page: {statistics.median(loads):.2f} s |")
    return lines


def _serve_page(url: str):
    """``(playwright, browser, page)``: the served map open in headless Chromium, or None
    without Playwright or Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        return None
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=chromium, args=[
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)
    page.wait_for_function("() => window.argmapReady === true", timeout=60000)
    return playwright, browser, page


def table(results: dict[int, dict], base: str = "argdown json") -> str:
    names = list(next(iter(results.values())).keys())
    sizes = sorted(results)
    head = "| | " + " | ".join(f"N = {n:,}: seconds, peak MB" for n in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for name in names:
        cells = []
        for n in sizes:
            r = results[n].get(name)
            cells.append("skipped" if r is None else f"{r[0]:.2f} s, {r[1]:.0f} MB")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratios(rows: dict) -> list[str]:
    def t(name):
        r = rows.get(name)
        return r[0] if r else None

    def m(name):
        r = rows.get(name)
        return r[1] if r else None

    out = []
    bare_check, bare_build = ("argmap check, attacks without notes",
                              "argmap build (cold), attacks without notes")
    checks = [
        ("argmap check at least 3x faster than argdown json", t("argdown json"),
         t("argmap check"), 3.0),
        ("the same, attacks without notes", t("argdown json"), t(bare_check), 3.0),
        ("argmap export --format dot at least 3x faster than argdown map --format dot",
         t("argdown map --format dot"), t("argmap export --format dot"), 3.0),
        ("argmap export --format dot at least 3x faster than arguebuf",
         t("arguebuf: AIF to DOT"), t("argmap export --format dot"), 3.0),
        ("argmap build at least 1.5x faster than argdown map --format dot",
         t("argdown map --format dot"), t("argmap build (cold)"), 1.5),
        ("the same, attacks without notes", t("argdown map --format dot"), t(bare_build), 1.5),
        ("argmap build at least 2x faster than arguebuf", t("arguebuf: AIF to DOT"),
         t("argmap build (cold)"), 2.0),
        ("the same, attacks without notes", t("arguebuf: AIF to DOT"), t(bare_build), 2.0),
    ]
    for label, peer, ours, factor in checks:
        if peer is None or ours is None:
            out.append(f"- {label}: not measured")
        else:
            verdict = "holds" if peer / ours >= factor else "MISSED"
            out.append(f"- {label}: {peer / ours:.1f}x ({verdict})")
    if t("argmap check") and t("argmap diff, 100 claims changed"):
        ratio = t("argmap diff, 100 claims changed") / t("argmap check")
        out.append(f"- diff of two versions 100 claims apart at most 2x a check of one: "
                   f"{ratio:.2f}x ({'holds' if ratio <= 2.0 else 'MISSED'})")
    if t("argmap check") and t(bare_check):
        slower = t(bare_check) / t("argmap check")
        out.append(f"- check with every attack's warning within 1.25x of the map with notes: "
                   f"{slower:.2f}x ({'holds' if slower <= 1.25 else 'MISSED'})")
    peak = max((m(k) or 0) for k in ("argmap check", "argmap build (cold)", bare_check,
                                     bare_build))
    if m("argdown json"):
        verdict = "holds" if peak <= m("argdown json") / 2 else "MISSED"
        out.append(f"- peak memory at most half of Argdown's: {peak:.0f} MB vs "
                   f"{m('argdown json'):.0f} MB ({verdict})")
    rebuild = t("argmap rebuild, one file changed")
    if rebuild is not None:
        out.append(f"- rebuild after one changed file at most 0.3 s: {rebuild:.2f} s "
                   f"({'holds' if rebuild <= 0.3 else 'MISSED'})")
    return out


def write_results(text: str) -> None:
    """Replace this script's tables in results.md, keeping the sections other scripts add
    (flow_layers.py's, under their own ``## `` headings)."""
    path = HERE / "results.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find("\n## ")
    path.write_text(text + (old[start:] if start >= 0 else ""), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--serve-only", action="store_true",
                        help="Time only argmap serve on the 1,000-claim debate; print the "
                             "figures and leave results.md as it is.")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    compile_argmap()
    samples = max(args.runs, 5)  # each edit takes a fraction of a second: take a few
    if args.serve_only:
        print("\n".join(["| page | | |", "|---|---|---|",
                         *serve_part(1000, samples, not args.no_browser)]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {n: bench_size(n, args.runs, not args.no_peers) for n in sizes}
    report = [f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; median of "
              f"{args.runs} runs.", "", table(results), ""]
    if 10000 in results:
        report += ["Targets at 10,000 claims:", *ratios(results[10000])]
        if 50000 in results and results[10000].get("argmap build (cold)") and \
                results[50000].get("argmap build (cold)"):
            growth = results[50000]["argmap build (cold)"][0] / \
                results[10000]["argmap build (cold)"][0]
            report.append(f"- build time at 50,000 at most 5.5x the time at 10,000: "
                          f"{growth:.1f}x ({'holds' if growth <= 5.5 else 'MISSED'})")
    write_results("\n".join(report) + "\n")
    if not args.no_browser:
        try:
            lines = browser_part()
        except Exception as exc:  # the process table above stays valid without it
            lines = [f"| browser part failed | {type(exc).__name__}: {str(exc)[:200]} | |"]
        report += ["", "| page | | |", "|---|---|---|", *lines]
    if 1000 in sizes:
        rows = serve_part(1000, samples, not args.no_browser)
        report += ([] if not args.no_browser else ["", "| page | | |", "|---|---|---|"]) + rows
    text = "\n".join(report) + "\n"
    print(text)
    write_results(text)


if __name__ == "__main__":
    main()
