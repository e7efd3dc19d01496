"""Ready for class: launch buttons only with a repository, handouts that print, the book
served under a sub-path (as on GitHub Pages), the pack offered for download, the licences."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import nbformat
import pytest
import yaml
from conftest import BUILD, is_tile, live_quizzes, live_widgets, pages
from test_build import _build_throwaway_book

from tools.sphinx_ext.downloads import CLASSPACK_NAME
from tools.sphinx_ext.launch import launch_options

ROOT = Path(__file__).resolve().parent.parent
CHAPTER_PAGES = [p for p in pages() if p.startswith("chapters/")]


# ---------------------------------------------------------------------------
# Launch buttons
# ---------------------------------------------------------------------------
LAUNCH = {"notebook_interface": "jupyterlab", "binderhub_url": "https://mybinder.org",
          "jupyterhub_url": "https://hub.example.edu", "thebe": False}


@pytest.mark.parametrize("url", ["", None, "  ", "not a url", "http://github.com/a/b", "https://github.com"])
def test_no_repository_no_launch_buttons(url):
    opts = launch_options({"repository_url": url, "launch_buttons": dict(LAUNCH), "extra_footer": "x"})
    assert opts["launch_buttons"]["binderhub_url"] == "" and opts["launch_buttons"]["jupyterhub_url"] == ""
    assert opts["use_repository_button"] is False
    assert opts["extra_footer"] == "x", "other theme options pass through"


def test_a_public_repository_keeps_the_configured_launch_buttons():
    opts = launch_options({"repository_url": "https://github.com/example/sco-module", "launch_buttons": dict(LAUNCH)})
    assert opts["launch_buttons"] == LAUNCH
    assert opts["use_repository_button"] is True


def test_the_configuration_names_binder_and_no_repository_yet():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["repository"]["url"] == "", "with a URL, update this test and README's publishing section"
    assert config["sphinx"]["recursive_update"] is True, "else sphinx.config.html_theme_options drops the launch buttons"
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


def test_the_built_book_shows_no_dead_launch_button(book):
    for path in CHAPTER_PAGES:
        html = (BUILD / path).read_text(encoding="utf-8")
        assert "mybinder.org" not in html and "git-pull" not in html, f"{path} offers a launch button with no repository"


@pytest.mark.build
def test_with_a_repository_url_the_pages_offer_binder_and_jupyterhub(tmp_path: Path):
    """The switch end to end: a throw-away book with the real configuration plus a repository URL."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A chapter\n\nIt exists to carry launch buttons.")]
    run = _build_throwaway_book(
        tmp_path, "format: jb-book\nroot: index\nchapters:\n  - file: chapter\n",
        {"index.md": "# A throw-away book\n\nIt exists to test the launch buttons.\n", "chapter.ipynb": nb},
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "mybinder.org" not in (tmp_path / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")

    config = yaml.safe_load((tmp_path / "_config.yml").read_text())
    config["repository"]["url"] = "https://github.com/example/sco-module"
    config["launch_buttons"]["jupyterhub_url"] = "https://hub.example.edu"
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    import shutil
    import subprocess
    import sys

    shutil.rmtree(tmp_path / "_build")
    jb = Path(sys.executable).parent / "jupyter-book"
    run = subprocess.run([str(jb), "build", str(tmp_path), "--warningiserror", "--nitpick", "--keep-going"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    html = (tmp_path / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/example/sco-module/main?urlpath=lab/tree/chapter.ipynb" in html
    hub = re.findall(r'href="(https://hub\.example\.edu/hub/user-redirect/git-pull\?[^"]+)"', html)
    assert hub, "no JupyterHub (nbgitpuller) launch link"
    assert "github.com/example/sco-module" in hub[0] and "chapter.ipynb" in hub[0], hub[0]


# ---------------------------------------------------------------------------
# Handouts that print
# ---------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_a_chapter_prints_without_solutions_nav_or_quiz_controls(page, server, path):
    page.goto(server + path, wait_until="load")
    page.wait_for_timeout(500)
    page.emulate_media(media="print")

    def visible(selector: str) -> list[bool]:
        return [page.locator(selector).nth(i).is_visible() for i in range(page.locator(selector).count())]

    for hidden in ("div.solution", ".bd-sidebar-primary", ".bd-header", ".bd-sidebar-secondary", ".prev-next-area",
                   "div[data-shufflequestions]", ".sco-feedback.sco-unanswered"):
        assert not any(visible(hidden)), f"{path}: {hidden} is visible in print"
    assert visible("div.solution"), f"{path} has no solution to hide: is the selector still right?"
    assert visible(".sco-feedback.sco-unanswered")
    quiz = page.locator(".sco-quiz-print")
    assert quiz.count() == 1 and quiz.is_visible(), f"{path}: the printed quiz is missing"
    assert quiz.locator("ol > li").count() >= 5
    assert all(visible("div.exercise")), f"{path}: an exercise prompt is hidden in print"
    # the maps load lazily: asked to print, every map loads (sco-maps.js) and prints
    page.wait_for_function("() => Array.from(document.querySelectorAll('figure.sco-map'))"
                           ".every(f => f.classList.contains('sco-map-loaded'))", timeout=20_000)
    assert all(visible("figure.sco-map iframe")) and all(visible("details.sco-text-alternative table"))
    assert page.locator("div.cell_input pre").first.evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
    # and on screen the printed quiz is hidden again, and the interactive one is drawn when the
    # reader comes near it (tools/sphinx_ext/quizzes.py)
    page.emulate_media(media="screen")
    live_quizzes(page)
    assert not quiz.is_visible() and all(visible("div[data-shufflequestions]"))


def test_the_printed_quiz_is_text_without_the_answers():
    from markupsafe import escape

    from helpers import exercises

    questions = exercises.load_quiz("ch1")
    html = exercises.quiz_print_html(questions + [{"question": "<img src=x onerror=alert(1)>", "type": "multiple_choice",
                                                   "answers": [{"answer": "<b>bold</b>", "correct": True, "feedback": "f"}]}])
    assert html.startswith('<div class="sco-quiz-print" hidden>')
    assert "<img" not in html and "<b>" not in html and "&lt;img" in html
    assert "✔" not in html and "true" not in html.lower()
    for q in questions:
        for a in q["answers"]:
            assert escape(a["feedback"]) not in html, "the printed quiz gives an answer's feedback away"
    for q in questions:
        assert escape(q["question"]) in html


# ---------------------------------------------------------------------------
# Published under a sub-path
# ---------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("path", pages())
def test_the_book_works_under_a_sub_path(page, subpath_server, path):
    """Served at /sco/ (as GitHub Pages serves a project site): every page, asset, map and widget loads."""
    failed, foreign, errors = [], [], []
    page.on("requestfailed", lambda r: None if is_tile(r.url) else failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).scheme.startswith("http")
            and not urlparse(r.url).path.startswith("/sco/") and not is_tile(r.url) else None)
    response = page.goto(subpath_server + path, wait_until="load")
    page.wait_for_timeout(800)
    live_widgets(page)  # widgets draw when the reader comes near one
    assert response is not None and response.status == 200
    assert not failed and not foreign and not errors, (failed, foreign, errors)
    for frame in page.frames[1:]:
        if frame.locator(".leaflet-container").count():
            assert frame.evaluate("typeof L") == "object" and frame.locator(".sco-legend").count() == 1
    views = page.locator("script[type='application/vnd.jupyter.widget-view+json']")
    for i in range(views.count()):
        assert views.nth(i).evaluate("s => s.parentElement.querySelectorAll(':scope > .widget-subarea > *').length") == 1
    for link in page.locator(f"a[href$='{CLASSPACK_NAME}']").all():
        with urlopen(link.evaluate("a => a.href")) as r:
            assert r.status == 200 and zipfile.is_zipfile(BytesIO(r.read()))


def test_the_pack_is_offered_on_the_landing_and_instructors_pages(book):
    assert (BUILD / CLASSPACK_NAME).is_file() and zipfile.is_zipfile(BUILD / CLASSPACK_NAME)
    for page_name in ("index.html", "instructors.html"):
        assert f'href="{CLASSPACK_NAME}"' in (BUILD / page_name).read_text(encoding="utf-8"), page_name


def test_the_pages_workflow_builds_and_uploads_the_book():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "make book" in runs
    uploads = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["path"] == "_build/html"
    assert any("deploy-pages" in s.get("uses", "") for s in steps)


# ---------------------------------------------------------------------------
# Licences and citation
# ---------------------------------------------------------------------------
def test_licences_and_citation():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    data_licence = (ROOT / "LICENSE-text-data").read_text()
    assert "Attribution 4.0 International Public License" in data_licence and "Section 8" in data_licence
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["title"] and cff["message"]
    assert cff["authors"] == [{"name": "The authors of the SCO teaching module"}]
    assert "doi" not in cff and "identifiers" not in cff, "no invented DOI"
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    readme = (ROOT / "README.md").read_text()
    for needle in ("MIT", "CC BY 4.0", "LICENSE-text-data", "CITATION.cff", "quot"):
        assert needle in readme, needle


def test_every_page_states_the_licences_in_its_footer(book):
    for path in pages():
        footer = (BUILD / path).read_text(encoding="utf-8").split('class="bd-footer-content"', 1)[-1]
        assert re.search(r"MIT License.*CC BY 4\.0", footer, re.S), f"{path}: no licence in the footer"
