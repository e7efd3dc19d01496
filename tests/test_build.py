"""The build itself: strict, executing, self-contained, and with no library committed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import BUILD
from tools import notebooks as nbfiles

ROOT = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"
CHAPTERS = nbfiles.chapters()


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def test_every_chapter_notebook_is_in_the_toc():
    listed = set(_toc_files())
    for nb in CHAPTERS:
        assert f"chapters/{nb.stem}" in listed, f"{nb.name} is not in _toc.yml"


def test_notebooks_are_committed_as_text_without_outputs():
    """The chapters and notebook pages are MyST Markdown notebooks (a paragraph's change is a
    one-line diff); a text notebook cannot hold outputs, and no .ipynb is committed beside them."""
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not tracked, f"notebooks are committed as MyST Markdown (.md), not .ipynb: {tracked}"
    pages = [ROOT / f"{f}.md" for f in _toc_files() if (ROOT / f"{f}.md").exists()]
    notebooks = [p for p in pages if nbfiles.is_notebook(p)]
    assert set(CHAPTERS) <= set(notebooks) and {ROOT / "sources.md", ROOT / "instructors.md"} <= set(notebooks)
    for nb in notebooks:
        notebook = nbfiles.read(nb)
        nbformat.validate(notebook)
        assert notebook.metadata["kernelspec"]["name"] == "python3", nb.name
        assert any(c.cell_type == "code" for c in notebook.cells), f"{nb.name} has no code cell"


def test_a_file_without_the_notebook_header_is_not_taken_for_a_chapter(tmp_path):
    (tmp_path / "01_plain.md").write_text("# Not a notebook\n", encoding="utf-8")
    with pytest.raises(ValueError, match="01_plain.md .*jupytext MyST header"):
        nbfiles.chapters(tmp_path)


@pytest.mark.parametrize("nb", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_offers_its_notebook_for_download(nb, book):
    """A reader who downloads a chapter from the page's menu still gets an .ipynb, with the
    chapter's cells and no outputs, beside the .md it is written in."""
    page = (BUILD / "chapters" / f"{nb.stem}.html").read_text(encoding="utf-8")
    assert f'href="../_sources/chapters/{nb.stem}.ipynb"' in page
    assert f'href="../_sources/chapters/{nb.stem}.md"' in page
    served = nbformat.read(BUILD / "_sources" / "chapters" / f"{nb.stem}.ipynb", as_version=4)
    from tools.editions import public_notebook

    source = public_notebook(nbfiles.read(nb))  # the public book's: no cell tagged assessed (tools/editions.py)
    assert [(c.cell_type, c.source) for c in served.cells] == [(c.cell_type, c.source) for c in source.cells]
    assert not any(c.get("outputs") for c in served.cells)


@pytest.mark.parametrize("nb", CHAPTERS, ids=lambda p: p.name)
def test_the_build_executed_every_notebook(nb, book):
    """The built page holds the outputs of every code cell that prints or displays something."""
    page = book / "chapters" / f"{nb.stem}.html"
    assert page.exists(), f"{page} was not built"
    html = page.read_text(encoding="utf-8")
    assert "cell_output" in html, f"{page.name} shows no cell output: was the notebook executed?"
    assert "Traceback" not in html and '"ename":' not in html and "output error" not in html


def test_no_library_files_are_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "*.js", "*.css"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    big = [f for f in tracked if (ROOT / f).stat().st_size > 40_000]
    assert not big, f"large .js/.css files are committed (install them from npm instead): {big}"


def test_vendor_assets_come_from_node_modules(book):
    for rel in ("vendor/leaflet/leaflet.js", "vendor/html-manager/embed.js"):
        built = BUILD / "_static" / rel
        assert built.exists(), f"{rel} is not served by the book"
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert "node_modules/leaflet" in lock["packages"]
    assert "node_modules/@jupyter-widgets/html-manager" in lock["packages"]


def _build_throwaway_book(root: Path, toc: str, files: dict[str, str | nbformat.NotebookNode]) -> subprocess.CompletedProcess:
    """Build a small book in ``root`` with the real configuration; return the finished process."""
    for name in ("_config.yml", "references.bib", "_static"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "_toc.yml").write_text(toc)
    for name, content in files.items():
        if isinstance(content, str):
            (root / name).write_text(content)
        else:
            nbformat.write(content, root / name)
    return subprocess.run(
        [str(JB), "build", str(root), "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, timeout=600,
    )


@pytest.mark.build
def test_a_notebook_that_raises_fails_the_build(tmp_path: Path):
    """Strictness: the same configuration on a throw-away book whose notebook raises must fail."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("raise RuntimeError('boom')")]
    run = _build_throwaway_book(
        tmp_path, "format: jb-book\nroot: index\nchapters:\n  - file: broken\n",
        {"index.md": "# A throw-away book\n\nIt exists to prove the build is strict.\n", "broken.ipynb": nb},
    )
    assert run.returncode != 0, "a notebook that raises was built without failure"
    assert "boom" in run.stdout + run.stderr


@pytest.mark.build
def test_a_sphinx_warning_fails_the_build(tmp_path: Path):
    run = _build_throwaway_book(
        tmp_path, "format: jb-book\nroot: index\n",
        {"index.md": "# A throw-away book\n\nA link to {ref}`a-label-that-does-not-exist`.\n"},
    )
    assert run.returncode != 0, "a page with a broken reference was built without failure"
    assert "a-label-that-does-not-exist" in run.stdout + run.stderr


def test_the_sphinx_extension_owns_the_path_of_leaflet(book):
    """A plain `jupyter-book build .` serves the maps' Leaflet: nothing in the Makefile sets it,
    and every map of the built book loads Leaflet from a file the book serves, relative to its page."""
    import html as htmllib
    import re

    assert "SCO_VENDOR_URL" not in (ROOT / "Makefile").read_text()
    found = 0
    for page in _built_pages():
        text = page.read_text(encoding="utf-8")
        assert "srcdoc=" not in text, f"{page.name}: a map's document is still inside the page"
        for src in re.findall(r'class="sco-map-frame"[^>]*\ssrc="([^"]*)"', text):
            doc = (page.parent / htmllib.unescape(src)).resolve()
            assert doc.is_file(), f"{page.name}: the map {src} is not served"
            for url in re.findall(r"""(?:src|href)=["']([^"']+)""", doc.read_text(encoding="utf-8")):
                assert not url.startswith(("http:", "https:", "//")), f"{doc.name}: {url}"
                assert (doc.parent / url).resolve().is_file(), f"{doc.name}: {url} is not served"
                found += 1
    assert found, "no map in the built book"


def test_maps_load_lazily_each_beside_its_text_alternative(book):
    """Every map is an iframe that loads its own document when the reader scrolls near it, in
    a figure with its caption and its text alternative (a table) in the page itself."""
    import re

    found = 0
    for page in _built_pages():
        text = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<figure class="sco-map">.*?</figure>', text, re.S):
            frame = re.search(r"<iframe\b[^>]*>", figure).group(0)
            assert 'loading="lazy"' in frame and 'title="Map: ' in frame, f"{page.name}: {frame[:200]}"
            # its document is named in data-src: sco-maps.js loads it when the reader comes near
            assert re.search(r'\sdata-src="[^"]*_static/maps/[0-9a-f]+\.html"', frame), f"{page.name}: {frame[:200]}"
            assert not re.search(r'\ssrc=', frame), f"{page.name}: the map loads with the page: {frame[:200]}"
            # without script, the same frame with src, in <noscript>
            fallback = re.search(r"<noscript>(<iframe\b[^>]*>)</iframe></noscript>", figure)
            assert fallback and 'loading="lazy"' in fallback.group(1), f"{page.name}: no frame for readers without script"
            assert re.search(r'\ssrc="[^"]*_static/maps/[0-9a-f]+\.html"', fallback.group(1)), page.name
            assert re.search(r'<details class="sco-text-alternative"[^>]*>.*<table\b', figure, re.S), page.name
            found += 1
        assert text.count('class="sco-map-frame"') == 2 * text.count('<figure class="sco-map">'), page.name
    assert found, "no map in the built book"


@pytest.mark.parametrize("nb", CHAPTERS, ids=lambda p: p.name)
def test_every_solution_shows_correct_in_the_built_book(nb, book):
    """Each solution code cell that calls check() shows "✔ Correct" in the built page, and
    every student cell shows "not answered yet": a solution the checker marks wrong fails here."""
    from bs4 import BeautifulSoup

    notebook = nbfiles.read(nb)
    solution_checks = sum(
        cell.source.count("check(") for cell in notebook.cells
        if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", [])
    )
    assert solution_checks, f"{nb.name} has no solution cell that calls check()"
    soup = BeautifulSoup((BUILD / "chapters" / f"{nb.stem}.html").read_text(encoding="utf-8"), "html.parser")
    in_solutions = [f for s in soup.select("div.solution") for f in s.select(".sco-feedback")]
    assert len(in_solutions) == solution_checks, "every check() of a solution shows its feedback"
    for feedback in in_solutions:
        assert "sco-correct" in feedback["class"] and "✔ Correct" in feedback.get_text(), feedback.get_text()
    for feedback in soup.select(".sco-feedback"):
        if not feedback.find_parent("div", class_="solution"):
            assert "sco-unanswered" in feedback["class"], feedback.get_text()


# ---------------------------------------------------------------------------
# What a page loads, and what it shows the same way everywhere (issue 15)
# ---------------------------------------------------------------------------
def _built_pages() -> list[Path]:
    return [p for p in BUILD.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]


def test_no_page_loads_the_font_awesome_script_and_every_icon_is_drawn(book):
    import re

    css = (BUILD / "_static" / "sco-icons.css").read_text(encoding="utf-8")
    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, f"{page.name} loads the 1.45 MB Font Awesome script"
        assert "sco-icons.css" in html, f"{page.name} does not link the icons' stylesheet"
        for classes in re.findall(r'<(?:i|span) class="([^"]*\bfa-solid\b[^"]*)"', html):
            icons = [c for c in classes.split() if c.startswith("fa-") and c not in ("fa-solid", "fa-lg", "fa-fw")]
            for icon in icons:
                assert f".fa-solid.{icon}{{" in css or f".fa-solid.{icon}," in css, f"{page.name}: icon {icon} is not drawn"


def test_the_widget_manager_does_not_hold_up_the_text(book):
    """No widget state in a page's HTML (100-330 KB a phone would parse before painting) and no
    tag that fetches the manager with the page: the loader inlined once at the end of the body
    names the page's state script and the manager, and fetches both when the reader comes near a
    widget (tests/test_first_views.py).  The state script holds a model for every widget the
    page shows; a page without widgets has neither loader nor state."""
    import json
    import re

    from conftest import widget_states

    with_widgets = 0
    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        head, body = html.split("<body", 1) if "<body" in html else (html, "")
        assert not re.search(r"<script[^>]*\bsrc=\"[^\"]*embed\.js", html), f"{page.name}: a script tag fetches the widget manager"
        assert "widget-state+json" not in html.replace('"application/vnd.jupyter.widget-state+json"', ""), \
            f"{page.name}: the widget state is in the page"
        views = [json.loads(v)["model_id"] for v in
                 re.findall(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', body, re.S)]
        loaders = body.count("data-sco-state=")
        if views:
            with_widgets += 1
            assert loaders == 1, f"{page.name}: {len(views)} widgets, {loaders} loaders"
            assert body.index("widget-view+json") < body.index("data-sco-state="), f"{page.name}: loader before the text"
            models = {mid for state in widget_states(page) for mid in state["state"]}
            assert set(views) <= models, f"{page.name}: widgets without a model: {set(views) - models}"
        else:
            assert loaders == 0 and not widget_states(page), page.name
    assert with_widgets, "no page of the book shows a widget"


def test_pages_load_no_search_script_and_scripts_once(book):
    """Search-as-you-type is off: only search.html loads the search index (30 KB gzip, which
    would block every page's first paint).  A page loads each script once."""
    import re

    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        srcs = [s.split("?")[0] for s in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)]
        assert len(srcs) == len(set(srcs)), f"{page.name} loads a script twice: {sorted(srcs)}"
        if page.name != "search.html":
            assert not any(s.endswith(("searchindex.js", "searchtools.js")) for s in srcs), page.name
    search = (BUILD / "search.html").read_text(encoding="utf-8")
    assert "searchindex.js" in search and "searchtools.js" in search


def test_exercise_numbers_are_the_same_in_the_chapters_and_the_instructors_guide(book):
    import re

    from tools import guide

    guide_html = (BUILD / "instructors.html").read_text(encoding="utf-8")
    table = guide.notebook_exercises()
    assert len(table)
    for r in table.itertuples():
        page = (BUILD / "chapters" / f"{r.page}.html").read_text(encoding="utf-8")
        shown = re.search(rf'id="{re.escape(r.label)}">.*?caption-number">Exercise ([\d.]+) ', page, re.S)
        assert shown, f"{r.page}: exercise {r.label} has no number"
        assert shown.group(1) == r.number, f"{r.label}: the chapter says {shown.group(1)}, the guide {r.number}"
        assert re.match(r"\d+\.\d+$", r.number), f"{r.label}: {r.number!r} is not 'chapter.n'"
        link = re.search(rf'href="chapters/{re.escape(r.page)}\.html#{re.escape(r.label)}">Exercise ([\d.]+):', guide_html)
        assert link and link.group(1) == r.number, f"{r.label}: the instructors' guide does not say Exercise {r.number}"


@pytest.mark.parametrize("nb", CHAPTERS, ids=lambda p: p.name)
def test_learning_objectives_look_the_same_in_every_chapter(nb, book):
    import re

    html = (BUILD / "chapters" / f"{nb.stem}.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="([^"]*\bsco-objectives\b[^"]*)">\s*<p class="admonition-title">([^<]*)</p>', html)
    assert len(boxes) == 1, f"{nb.name}: {len(boxes)} learning-objectives boxes"
    assert set(boxes[0][0].split()) >= {"admonition", "note", "sco-objectives"} and boxes[0][1] == "Learning objectives"
    assert "<strong>Learning objectives" not in html


def test_only_the_stylesheets_hold_up_the_first_paint(book):
    """In <head>, every script with a source but documentation_options.js is deferred (the search
    page keeps its own order), no preload hint competes with the stylesheets, and the theme's
    stylesheet is linked as its copy without Font Awesome's icon classes and webfonts."""
    import re

    lean = (BUILD / "_static" / "styles" / "pydata-sphinx-theme-sco.css").read_text(encoding="utf-8")
    assert "Font Awesome" in (BUILD / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert not re.search(r"@font-face\{[^}]*Font Awesome", lean) and "fa-solid-900" not in lean
    assert ".admonition>.admonition-title:after" in lean  # the rest of the theme is kept
    for page in _built_pages():
        head = page.read_text(encoding="utf-8").split("<body", 1)[0]
        assert "pydata-sphinx-theme-sco.css" in head and "pydata-sphinx-theme.css" not in head, page.name
        assert 'rel="preload"' not in head, page.name
        if page.name == "search.html":
            continue
        for tag in re.findall(r"<script\b[^>]*\ssrc=[^>]*>", head):
            assert "defer" in tag or "documentation_options.js" in tag, f"{page.name}: {tag} blocks the first paint"


def test_jupyterlab_opens_a_chapter_as_a_notebook():
    """From a clone, JupyterLab (through jupytext's contents manager, which the environment
    installs) serves a chapter's .md as a notebook with its cells, and saves it back as text."""
    from jupytext import TextFileContentsManager

    manager = TextFileContentsManager(root_dir=str(ROOT))
    chapter = CHAPTERS[0].relative_to(ROOT).as_posix()
    model = manager.get(chapter, type="notebook", content=True)
    cells = model["content"]["cells"]
    assert model["type"] == "notebook" and len(cells) == len(nbfiles.read(CHAPTERS[0]).cells)
    assert any(c["cell_type"] == "code" and "from helpers import" in c["source"] for c in cells)
