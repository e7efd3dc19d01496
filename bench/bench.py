"""Measure the book as a reader on a phone and a slow connection gets it, and what the build costs.

    make bench                                   (or: .venv/bin/python bench/bench.py)
    .venv/bin/python bench/bench.py --label after            name the results file
    .venv/bin/python bench/bench.py --pages-only --runs 1    keep the built book, measure pages once

For every page of the built book, served gzip-compressed as a static host serves it (a
local ``http.server`` that gzips text when the browser accepts it):

* the bytes on the wire (CDP ``Network.loadingFinished``: compressed bodies and headers,
  the page, everything it loads and its map frames load, until the network is idle);
* the first contentful paint in headless Chromium under throttling through the Chrome
  DevTools Protocol: ``Network.emulateNetworkConditions`` 1.6 Mbps down, 750 Kbps up,
  150 ms latency, and ``Emulation.setCPUThrottlingRate`` 4 (the median of ``--runs``).

And the build: a clean ``jupyter-book build``, a no-change rebuild, and the time to
execute the notebooks alone (each with nbclient, one after the other, as the build does);
the ratio clean build / execution.

Also the class pack: its build time, the last measured install time (written by
tests/test_classpack.py to bench/results/pack-install.txt), and the number of A4 pages each
chapter prints to with the book's print stylesheet.

And Lighthouse (``bench/package.json`` pins it; ``make bench`` installs it into
``bench/node_modules``, apart from what ``make book`` installs), run with Debian's Chromium
in its mobile preset (simulated slow 4G, CPU slowed 4x, a phone's screen) on every page,
served gzip the same way: the performance, accessibility and best-practices scores, total
blocking time (TBT), largest contentful paint (LCP) and its element, and the audits that
cost points.  ``--lighthouse-only`` measures only this, on the book already built.

Targets are reported, never asserted: FCP <= 2 s and <= 900 KB gzip for every chapter
page; clean build <= 2 x executing the notebooks; Lighthouse: performance >= 90,
accessibility 100, best practices >= 95, TBT <= 200 ms, LCP <= 2.5 s on every page.  Results go to
``bench/results/<date>-<label>.json`` and ``.md`` (and ``latest.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
RESULTS = ROOT / "bench" / "results"
JB = Path(sys.executable).parent / "jupyter-book"

#: The reader of issue 15: a phone on a slow connection.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
TARGETS = {"fcp_s": 2.0, "chapter_gzip_kb": 900, "build_ratio": 2.0}
LIGHTHOUSE_TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95, "tbt_ms": 200, "lcp_s": 2.5}
LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


# ---------------------------------------------------------------------------
# A static server that compresses as a static host does
# ---------------------------------------------------------------------------
class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files; text is gzip-compressed (level 6) when the request accepts gzip."""

    _cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not ctype.startswith(COMPRESSIBLE)):
            return super().do_GET()
        key = (str(path), path.stat().st_mtime)
        body = self._cache.get(key)
        if body is None:
            body = self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def book_pages() -> list[str]:
    skip = {"genindex.html", "search.html"}
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts and p.name not in skip)


#: Records every largest-contentful-paint candidate (time, and which element) as the page loads.
LCP_OBSERVER = """
window.__scoLcp = [];
new PerformanceObserver(list => list.getEntries().forEach(e => {
  const el = e.element;
  const name = el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '') +
      ' "' + (el.innerText || el.alt || '').trim().slice(0, 50) + '"' : '(removed)';
  window.__scoLcp.push({t: e.startTime, el: name});
})).observe({type: 'largest-contentful-paint', buffered: true});
"""


def measure_page(browser, url: str) -> dict:
    """One visit with an empty cache under throttling: FCP (s), bytes on the wire, the largest resources."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    urls: dict[str, str] = {}
    wire: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(LCP_OBSERVER)
    start = time.perf_counter()
    page.goto(url, wait_until="load", timeout=180_000)
    load_s = time.perf_counter() - start
    try:  # widgets and maps render after load and may fetch more (fonts, marker images)
        page.wait_for_load_state("networkidle", timeout=60_000)
    except Exception:  # noqa: BLE001 - a page that never goes idle is still measured
        pass
    fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    lcps = page.evaluate("() => window.__scoLcp || []")
    context.close()
    biggest = sorted(((wire[r], urls.get(r, r)) for r in wire), reverse=True)[:5]
    return {
        "fcp_s": None if fcp is None else round(fcp / 1000, 2),
        "load_s": round(load_s, 2),
        "wire_kb": round(sum(wire.values()) / 1024, 1),
        "requests": len(wire),
        "lcp_s": round(lcps[-1]["t"] / 1000, 2) if lcps else None,
        "lcp_element": lcps[-1]["el"] if lcps else None,
        "lcp_candidates": [{"s": round(c["t"] / 1000, 2), "el": c["el"]} for c in lcps],
        "largest": [{"kb": round(n / 1024, 1), "url": u.split("/", 3)[-1].split("?")[0]} for n, u in biggest],
    }


def measure_pages(runs: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(HTML)
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                               "--disable-quic", "--no-first-run"])
            for path in book_pages():
                visits = [measure_page(browser, base + path) for _ in range(runs)]
                fcps = [v["fcp_s"] for v in visits if v["fcp_s"] is not None]
                out[path] = {
                    **visits[0],
                    "fcp_s": round(statistics.median(fcps), 2) if fcps else None,
                    "fcp_runs": [v["fcp_s"] for v in visits],
                    "html_kb": round((HTML / path).stat().st_size / 1024, 1),
                }
                print(f"  {path}: FCP {out[path]['fcp_s']} s {out[path]['fcp_runs']}, "
                      f"{out[path]['wire_kb']:.0f} KB gzip on the wire; LCP {out[path]['lcp_s']} s: "
                      f"{out[path]['lcp_element']}", flush=True)
            browser.close()
    finally:
        httpd.shutdown()
    return out


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
def build() -> float:
    start = time.perf_counter()
    subprocess.run([str(JB), "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going", "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def notebooks() -> list[Path]:
    """The notebooks of the table of contents, in its order."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    from tools.notebooks import is_notebook

    return [ROOT / f"{f}.md" for f in files if is_notebook(ROOT / f"{f}.md")]


def execute_alone() -> dict[str, float]:
    """Each notebook executed with nbclient, one after the other, with the environment the build gives it."""
    from nbclient import NotebookClient

    sys.path.insert(0, str(ROOT))
    import tools.notebooks
    import tools.sphinx_ext  # noqa: F401 - the build sets SCO_VENDOR_URL; so do we, through the same code

    os.environ["SCO_VENDOR_URL"] = tools.sphinx_ext.VENDOR_MARK
    times = {}
    for nb_path in notebooks():
        nb = tools.notebooks.read(nb_path)
        start = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(nb_path.parent)}}).execute()
        times[str(nb_path.relative_to(ROOT))] = round(time.perf_counter() - start, 2)
        print(f"  executed {nb_path.name} in {times[str(nb_path.relative_to(ROOT))]:.1f} s", flush=True)
    return times


def measure_build() -> dict:
    if BUILD.exists():
        shutil.rmtree(BUILD)
    sys.path.insert(0, str(ROOT))
    from tools import classpack

    print("class pack ...", flush=True)
    start = time.perf_counter()
    classpack.build()  # the book links to the pack's zip
    pack = time.perf_counter() - start
    print("clean build ...", flush=True)
    clean = build()
    print(f"  {clean:.1f} s; no-change rebuild ...", flush=True)
    rebuild = build()
    print(f"  {rebuild:.1f} s; executing the notebooks alone ...", flush=True)
    alone = execute_alone()
    total = sum(alone.values())
    from helpers import data

    data.validate_all()  # the first call reads the files; the figure is the best of 7 after it
    validate = []
    for _ in range(7):
        start = time.perf_counter()
        data.validate_all()
        validate.append(time.perf_counter() - start)
    return {"validate_all_s": round(min(validate), 2), "classpack_s": round(pack, 1), "clean_build_s": round(clean, 1), "rebuild_s": round(rebuild, 1),
            "execute_alone_s": round(total, 1),
            "execute_each_s": alone, "ratio": round(clean / total, 2)}


def print_pages() -> dict[str, int]:
    """Chapter page -> the number of A4 pages it prints to with the book's print stylesheet."""
    import re

    from playwright.sync_api import sync_playwright

    httpd, base = serve(HTML)
    counts = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for chapter in sorted((HTML / "chapters").glob("*.html")):
                page = browser.new_page()
                page.goto(base + f"chapters/{chapter.name}", wait_until="networkidle")
                page.wait_for_timeout(500)
                page.emulate_media(media="print")
                pdf = page.pdf(format="A4", print_background=False)
                counts[f"chapters/{chapter.name}"] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return counts


# ---------------------------------------------------------------------------
# Lighthouse (mobile preset), every page served gzip
# ---------------------------------------------------------------------------
def lighthouse_page(url: str) -> dict:
    """One Lighthouse run (its default: the mobile preset, simulated throttling) on ``url``."""
    import tempfile

    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run 'make bench' (it installs bench/package.json's pinned Lighthouse)")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                        "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
                        "--disable-background-networking --disable-quic",
                        "--max-wait-for-load=90000"],
                       check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=600)
        report = json.loads(out.read_text())
    audits = report["audits"]
    cats = report["categories"]
    # Lighthouse 12.2.3 cannot name the LCP element with this Chromium (its TraceElements gatherer
    # fails on the trace); measure_pages records it from the page itself.
    failing = sorted(
        (a["id"] for a in audits.values()
         if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric")),
    )
    bootup = audits.get("bootup-time", {}).get("details", {}).get("items", [])
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "best-practices": round(cats["best-practices"]["score"] * 100),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes_kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failing": failing,
        "script_time": [{"url": str(i.get("url", "")).split("/", 3)[-1][:60], "ms": round(i.get("total", 0))}
                        for i in bootup[:3]],
        "lighthouse": report.get("lighthouseVersion"),
        # Lighthouse's measure of this machine's speed when it ran (lower: a busier or slower machine;
        # its simulated phone times scale with it)
        "benchmark_index": round((report.get("environment") or {}).get("benchmarkIndex") or 0),
    }


def measure_lighthouse(runs: int = 3) -> dict[str, dict]:
    """Lighthouse ``runs`` times on every page; the run of median performance is kept (as
    Lighthouse's documentation advises: a shared machine makes single runs vary), with every
    run's performance, TBT and LCP beside it."""
    httpd, base = serve(HTML)
    out = {}
    try:
        for path in book_pages():
            visits = []
            for _ in range(runs):
                try:
                    visits.append(lighthouse_page(base + path))
                except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError, TypeError) as err:
                    print(f"  {path}: a Lighthouse run failed ({err}); it is left out", flush=True)
            if not visits:
                continue
            visits.sort(key=lambda r: r["performance"])
            out[path] = {**visits[len(visits) // 2],
                         "runs": [{k: v[k] for k in ("performance", "tbt_ms", "lcp_s")} for v in visits]}
            r = out[path]
            print(f"  {path}: performance {r['performance']}, accessibility {r['accessibility']}, "
                  f"best practices {r['best-practices']}, TBT {r['tbt_ms']} ms, LCP {r['lcp_s']} s "
                  f"(runs: {[v['performance'] for v in r['runs']]}); "
                  f"below 0.9: {', '.join(r['failing']) or 'none'}", flush=True)
    finally:
        httpd.shutdown()
    return out


def lighthouse_met(r: dict) -> bool:
    t = LIGHTHOUSE_TARGETS
    return (r["performance"] >= t["performance"] and r["accessibility"] >= t["accessibility"]
            and r["best-practices"] >= t["best-practices"] and r["tbt_ms"] <= t["tbt_ms"] and r["lcp_s"] <= t["lcp_s"])


def lighthouse_markdown(pages: dict[str, dict]) -> list[str]:
    version = next(iter(pages.values()), {}).get("lighthouse", "?")
    runs = len(next(iter(pages.values()), {}).get("runs", [1]))
    indexes = [r.get("benchmark_index") for r in pages.values() if r.get("benchmark_index")]
    lines = ["", f"Lighthouse {version}, mobile preset (simulated throttling: slow 4G, CPU slowed 4x), every page "
             f"served gzip, the run of median performance of {runs}; targets: performance >= 90, accessibility 100, best practices >= 95, TBT <= 200 ms, "
             "LCP <= 2.5 s." + (f" Lighthouse's benchmark index of the machine: {min(indexes)}-{max(indexes)} "
                                 "(its simulated phone times grow as it falls)." if indexes else ""), "",
             "| page | performance | accessibility | best practices | TBT (ms) | LCP (s) | FCP (s) | CLS | bytes (KB) | "
             "performance of each run | audits below 0.9 | target met |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"]
    for path, r in pages.items():
        each = ", ".join(str(v["performance"]) for v in r.get("runs", []))
        lines.append(f"| {path} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['tbt_ms']} | "
                     f"{r['lcp_s']} | {r['fcp_s']} | {r['cls']} | {r['bytes_kb']:.0f} | {each} | "
                     f"{', '.join(r['failing']) or '-'} | {'yes' if lighthouse_met(r) else 'NO'} |")
    return lines


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def is_chapter(path: str) -> bool:
    return path.startswith("chapters/")


def markdown(result: dict) -> str:
    if not result.get("pages"):  # Lighthouse only
        lines = [f"# Benchmark: {result['label']} ({result['date']}, commit {result['commit']})"]
        return "\n".join(lines + lighthouse_markdown(result["lighthouse"])) + "\n"
    lines = [f"# Benchmark: {result['label']} ({result['date']}, commit {result['commit']})", "",
             f"Pages served gzip-compressed; Chromium {result['browser']} at 390 x 844 under CDP throttling: "
             f"{NETWORK['downloadThroughput'] * 8 / 1e6:.1f} Mbps down, {NETWORK['uploadThroughput'] * 8 / 1e3:.0f} Kbps up, "
             f"{NETWORK['latency']} ms latency, CPU slowed {CPU_SLOWDOWN}x; FCP is the median of {result['runs']} visits.", "",
             "| page | FCP (s) | LCP (s) | LCP element | gzip on the wire (KB) | requests | own HTML (KB) | largest resources (KB) | target met |",
             "|---|---:|---:|---|---:|---:|---:|---|---|"]
    for path, p in result["pages"].items():
        met = p["fcp_s"] is not None and p["fcp_s"] <= TARGETS["fcp_s"]
        if is_chapter(path):
            met = met and p["wire_kb"] <= TARGETS["chapter_gzip_kb"]
        largest = ", ".join(f"{r['url'].rsplit('/', 1)[-1]} {r['kb']:.0f}" for r in p["largest"][:3])
        el = str(p.get("lcp_element") or "").replace("|", "/")
        lines.append(f"| {path} | {p['fcp_s']} | {p.get('lcp_s')} | `{el}` | {p['wire_kb']:.0f} | {p['requests']} | {p['html_kb']:.0f} | {largest} | "
                     f"{'yes' if met else 'NO'} |")
    if result.get("lighthouse"):
        lines += lighthouse_markdown(result["lighthouse"])
    b = result.get("build")
    if b:
        lines += ["", "| build | seconds |", "|---|---:|",
                  f"| clean build | {b['clean_build_s']} |", f"| no-change rebuild | {b['rebuild_s']} |",
                  f"| executing the notebooks alone | {b['execute_alone_s']} |",
                  f"| ratio clean build / execution (target <= {TARGETS['build_ratio']}) | {b['ratio']} |"]
        lines += [f"| execute {name} | {s} |" for name, s in b["execute_each_s"].items()]
        lines.append(f"| class pack build | {b['classpack_s']} |")
        if "validate_all_s" in b:
            lines.append(f"| data.validate_all(), best of 7 (target < 0.5) | {b['validate_all_s']} |")
    if result.get("pack_install"):
        lines += ["", f"Class pack install (last test run): {result['pack_install']}"]
    if result.get("printed_pages"):
        lines += ["", "| chapter | printed pages (A4) |", "|---|---:|"]
        lines += [f"| {path} | {n} |" for path, n in result["printed_pages"].items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="latest", help="names the results file (e.g. before, after)")
    parser.add_argument("--runs", type=int, default=3, help="visits per page; FCP is their median")
    parser.add_argument("--pages-only", action="store_true", help="measure the book already built; no build")
    parser.add_argument("--lighthouse-only", action="store_true", help="only Lighthouse, on the book already built")
    parser.add_argument("--book", type=Path, default=None, help="measure this built book instead of _build/html")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page; the median is kept")
    args = parser.parse_args()
    if args.book is not None:
        global HTML
        HTML = args.book.resolve()

    result = {"label": args.label, "date": dt.date.today().isoformat(), "runs": args.runs,
              "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True).stdout.strip(),
              "network": NETWORK, "cpu_slowdown": CPU_SLOWDOWN, "targets": TARGETS}
    if not (args.pages_only or args.lighthouse_only):
        result["build"] = measure_build()
    if not (HTML / "index.html").exists():
        sys.exit("no built book in _build/html: run 'make book' or drop --pages-only")
    if args.lighthouse_only:
        print("lighthouse ...", flush=True)
        result["lighthouse"] = measure_lighthouse(args.lighthouse_runs)
        return write(result, args.label)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:  # the browser's version, for the record
        b = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        result["browser"] = b.version
        b.close()
    print("pages ...", flush=True)
    result["pages"] = measure_pages(args.runs)
    print("printed pages ...", flush=True)
    result["printed_pages"] = print_pages()
    install = RESULTS / "pack-install.txt"
    if install.exists():
        result["pack_install"] = install.read_text().strip()
    print("lighthouse ...", flush=True)
    result["lighthouse"] = measure_lighthouse(args.lighthouse_runs)
    write(result, args.label)


def write(result: dict, label: str) -> None:
    report = markdown(result)
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date']}-{label}"
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=1) + "\n")
    (RESULTS / f"{stem}.md").write_text(report)
    (RESULTS / "latest.md").write_text(report)
    print(f"written: bench/results/{stem}.json and .md")


if __name__ == "__main__":
    main()
