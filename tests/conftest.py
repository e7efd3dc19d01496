"""Shared fixtures: the built book served on 127.0.0.1, and headless Chromium driven by Playwright.

The browser is Debian's Chromium (``/usr/bin/chromium``) unless ``CHROMIUM`` names
another.  Without a browser the browser tests are skipped with a message that
says how to install one -- unless ``CI`` is set, where a missing browser fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socketserver
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = Path(os.environ.get("SCO_BUILD_HTML", ROOT / "_build" / "html"))

#: Hosts a page may contact besides its own: map tiles only (decoration; maps work without them).
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    wanted = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    found = shutil.which(wanted) or (wanted if Path(wanted).exists() else None)
    return found


def pages() -> list[str]:
    """Every HTML page of the built book, as paths relative to _build/html."""
    if not BUILD.exists():
        return []
    skip = {"genindex.html", "search.html"}
    return sorted(
        str(p.relative_to(BUILD))
        for p in BUILD.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in skip
    )


_STATE_TAG = re.compile(r'<script data-sco-state="([^"]+)" data-sco-manager="([^"]+)">')


def widget_states(page: Path) -> list[dict]:
    """The widget states of a built page, as ``embed.js`` reads them once the loader has fetched
    the page's state script (named by the loader's ``data-sco-state``): ``[]`` for a page
    without widgets."""
    import html as _html
    import json

    found = _STATE_TAG.findall(page.read_text(encoding="utf-8"))
    if not found:
        return []
    assert len(found) == 1, f"{page}: {len(found)} widget loaders"
    script = (page.parent / _html.unescape(found[0][0])).resolve()
    text = script.read_text(encoding="utf-8")
    literals = text[text.index("[") : text.index("].forEach")]
    return [json.loads(raw) for raw in json.loads(literals + "]")]


def is_tile(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in TILE_HOSTS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def book() -> Path:
    if not (BUILD / "index.html").exists():
        pytest.fail("the book is not built: run 'make book' (make test does it first)")
    return BUILD


@pytest.fixture(scope="session")
def server(book: Path):
    """Serve _build/html on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(book))
    socketserver.TCPServer.allow_reuse_address = True
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


#: Where the sub-path server mounts the book, as a project site on GitHub Pages would (/<repo>/).
SUBPATH = "/sco/"


class _SubPathHandler(_QuietHandler):
    """Serves the book only under SUBPATH; anything else is a 404, as on a static host
    where the book is one folder among others."""

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_book__")
        return super().translate_path("/" + clean[len(SUBPATH):])


@pytest.fixture(scope="session")
def subpath_server(book: Path):
    """Serve _build/html under /sco/ on 127.0.0.1; yield the book's base URL (ending in /sco/)."""
    handler = functools.partial(_SubPathHandler, directory=str(book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()
    httpd.server_close()


#: Fixtures that need the built book (or the class pack it builds): a test that asks for one is
#: marked ``book`` (and one that asks for the browser ``browser``), so that ``make unit`` can
#: leave them out. Nothing else decides a test's tier: see CONTRIBUTING.md.
BOOK_FIXTURES = {"book", "server", "subpath_server", "pack", "installed_pack"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BOOK_FIXTURES:
            item.add_marker(pytest.mark.book)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)


#: Measurements a test wants shown at the end of the run (name -> text), e.g. the pack's install time.
MEASUREMENTS: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if MEASUREMENTS:
        terminalreporter.section("measurements")
        for name, text in MEASUREMENTS.items():
            terminalreporter.write_line(f"{name}: {text}")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = (
            "no Chromium found (looked for $CHROMIUM or /usr/bin/chromium): "
            "install it with 'sudo apt-get install chromium' to run the browser tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " -- CI is set, so a missing browser is a failure")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def offline_context(browser, **options):
    """A browser context that may not reach any host but 127.0.0.1 (the book is tested offline)."""
    context = browser.new_context(**options)

    def offline(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", offline)
    return context


#: A phone's screen, as the phone tests use it.
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser):
    """A phone-sized page that may reach no host but 127.0.0.1."""
    context = offline_context(browser, viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


def _fingerprint(folder: Path) -> str:
    """The SHA-256 of every file under ``folder``: its path and its bytes."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="session")
def real_data():
    """The book's data folder, as it is when the session starts (its fingerprint).  When the
    session ends, the real data are validated once more (``validate_all()``): a check of a bad
    copy left nothing behind that the real data fail on."""
    from helpers import paths

    folder = Path(paths.DATA_DIR).resolve()
    before = _fingerprint(folder)
    yield folder, before
    from helpers import data

    data.validate_all()


@pytest.fixture()
def data_copy(tmp_path: Path, real_data):
    """A copy of the book's data to break (``tmp_path/data``).  After the test: the real data
    are byte for byte as they were (a test edited the copy, not them), and a look-up without a
    data folder reads them again (no check of the copy left its folder active); the session
    validates them once more at its end (:func:`real_data`).  This replaces a full
    ``validate_all()`` of the real data after each test of a bad copy (0.2-1 s each)."""
    from helpers import data, paths

    folder, before = real_data
    dest = tmp_path / "data"
    shutil.copytree(folder, dest)
    yield dest
    assert _fingerprint(folder) == before, f"a test changed the real data in {folder}, not its copy"
    reads = paths._dir_arg(None)  # what a look-up without a data folder reads
    assert reads == str(folder), f"look-ups read {reads} after the test, not {folder} (data.DATA_DIR: {data.DATA_DIR})"


@pytest.fixture()
def throwaway_exercises():
    """Register exercises for one test, computed from the data like the real ones, and remove
    them afterwards: yields ``add(id, kind, fn, **options)``."""
    from helpers import exercises

    ids = []

    def add(eid, kind, fn, **kw):
        exercises.exercise(eid, chapter=0, outcome="testing the checker", kind=kind, **kw)(fn)
        ids.append(eid)

    yield add
    for eid in ids:
        exercises.REGISTRY.pop(eid, None)


def live_widgets(page, timeout: float = 60_000) -> None:
    """Bring a page's widgets to life as a reader does.  Each widget is in the page as its first
    view (plain HTML) and the widget manager loads only when the reader scrolls near a widget or
    touches one (tools/widget_loader.js): scroll to the first widget, wait until every first view
    has given way to its live widget, and go back to the top of the page."""
    firsts = page.locator(".sco-first-view")
    if not firsts.count():
        return
    firsts.first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 1)")  # a scroll, even when the widget was in view already
    page.wait_for_function("() => !document.querySelector('.sco-first-view')", timeout=timeout)
    page.evaluate("window.scrollTo(0, 0)")


def live_quizzes(page, timeout: float = 30_000) -> None:
    """Bring a page's quizzes to life as a reader does: a quiz is drawn when the reader comes within
    a screen of it (tools/sphinx_ext/quizzes.py, quizzes_wait_for_the_reader).  Scroll to each quiz, wait
    until it is drawn, and go back to the top of the page."""
    boxes = page.locator("div[data-numquestions]")
    for i in range(boxes.count()):
        boxes.nth(i).scroll_into_view_if_needed()
        boxes.nth(i).locator(".Quiz").first.wait_for(state="attached", timeout=timeout)
    if boxes.count():
        page.evaluate("window.scrollTo(0, 0)")


def visible_widget_text(locator) -> str:
    """The text of the widget panes that are visible inside ``locator``."""
    return locator.evaluate(
        "el => Array.from(el.querySelectorAll('.widget-html-content')).filter(e => e.offsetParent !== null)"
        ".map(e => e.innerText).join('\\n')"
    )


def fold_space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture()
def page(browser):
    """A fresh desktop-sized page, offline."""
    context = offline_context(browser, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
