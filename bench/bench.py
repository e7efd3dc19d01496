"""Measure the book: build times, each notebook's execution time, and page sizes.

    make bench        (or: .venv/bin/python bench/bench.py)

Also: the class pack's build time, the number of A4 pages each chapter prints to (the
print stylesheet, as a browser's "Print" would use it), and the last measured install
time of the class pack (written by tests/test_classpack.py to bench/results/pack-install.txt).

Prints a table and writes it to bench/results/latest.md.  Budgets are reported,
never asserted: clean build <= 60 s and no-change rebuild <= 10 s on 2 cores; no
page's own HTML over 1 MB; each map's HTML <= 300 KB.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
JB = Path(sys.executable).parent / "jupyter-book"
BUDGETS = {"clean build (s)": 60, "no-change rebuild (s)": 10}


def build() -> float:
    start = time.perf_counter()
    subprocess.run([str(JB), "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going", "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def execution_times() -> dict[str, float]:
    from jupyter_cache import get_cache

    cache = get_cache(BUILD / ".jupyter_cache")
    times = {}
    for rec in cache.list_cache_records():
        times[Path(rec.uri).name] = rec.data.get("execution_seconds", float("nan"))
    return times


def page_sizes() -> list[tuple[str, int, int]]:
    """(page, its HTML bytes, bytes a browser downloads on a first visit)."""
    from playwright.sync_api import sync_playwright

    html_dir = BUILD / "html"

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(html_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    pages = sorted(str(p.relative_to(html_dir)) for p in html_dir.rglob("*.html")
                   if "_static" not in p.parts and p.name not in ("genindex.html", "search.html"))
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + page_path, wait_until="networkidle")
            page.wait_for_timeout(500)
            # bytes over the wire for the page and everything it (and its map frames) loaded
            total = sum(
                frame.evaluate(
                    "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    ".reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0)"
                )
                for frame in page.frames
            )
            rows.append((page_path, (html_dir / page_path).stat().st_size, total))
            context.close()
        browser.close()
    httpd.shutdown()
    return rows


def print_pages() -> list[tuple[str, int]]:
    """(chapter page, number of A4 pages it prints to with the book's print stylesheet)."""
    import re

    from playwright.sync_api import sync_playwright

    html_dir = BUILD / "html"

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for chapter in sorted((html_dir / "chapters").glob("*.html")):
            page = browser.new_page()
            page.goto(base + f"chapters/{chapter.name}", wait_until="networkidle")
            page.wait_for_timeout(500)
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=False)
            rows.append((f"chapters/{chapter.name}", len(re.findall(rb"/Type\s*/Page[^s]", pdf))))
            page.close()
        browser.close()
    httpd.shutdown()
    return rows


def map_sizes() -> list[tuple[str, int]]:
    os.environ.setdefault("SCO_VENDOR_URL", "../_static/vendor")
    from helpers import maps

    out = [("membership_map()", maps.membership_map()), ("meetings_map()", maps.meetings_map()),
           ("meetings_map(level='all')", maps.meetings_map(level="all")), ("fears_map()", maps.fears_map()),
           ("conflict_map('georgia-2008')", maps.conflict_map("georgia-2008")),
           ("conflict_map('ukraine-2014')", maps.conflict_map("ukraine-2014"))]
    return [(name, len(maps.map_html(m).encode())) for name, m in out]


def main() -> None:
    lines = ["| measure | value | budget |", "|---|---:|---:|"]
    if BUILD.exists():
        shutil.rmtree(BUILD)
    sys.path.insert(0, str(ROOT))
    from tools import classpack

    start = time.perf_counter()
    classpack.build()  # the book links to the pack's zip
    lines.append(f"| class pack build (s) | {time.perf_counter() - start:.1f} | |")
    clean = build()
    rebuild = build()
    lines.append(f"| clean build (s) | {clean:.1f} | {BUDGETS['clean build (s)']} |")
    lines.append(f"| no-change rebuild (s) | {rebuild:.1f} | {BUDGETS['no-change rebuild (s)']} |")
    for name, seconds in sorted(execution_times().items()):
        lines.append(f"| execute {name} (s) | {seconds:.1f} | |")
    for page, own, total in page_sizes():
        lines.append(f"| {page}: HTML / first visit (KB) | {own / 1024:.0f} / {total / 1024:.0f} | 1024 / – |")
    for page, count in print_pages():
        lines.append(f"| {page}: printed pages (A4) | {count} | |")
    install = ROOT / "bench" / "results" / "pack-install.txt"
    if install.exists():
        lines.append(f"| class pack install (last test run) | {install.read_text().strip()} | |")
    for name, size in map_sizes():
        lines.append(f"| map {name} (KB) | {size / 1024:.0f} | 300 |")
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "latest.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
