"""The Sphinx extension's parts, each on a small page (no book, no browser).

The extension (tools/sphinx_ext/) rewrites the pages Sphinx writes with an HTML parser
(tools/sphinx_ext/markup.py): what it does not mean to change stays byte for byte as it was,
and a ``<table`` or ``<iframe`` written inside a script or an attribute is not an element.  Its
icons come from the SVG files of npm's @fortawesome/fontawesome-free; its vendored files and the
helpers' wheel follow one layout (helpers/assets.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from helpers import assets
from tools import sphinx_ext
from tools.sphinx_ext import accessibility, icons, maps, pageweight
from tools.sphinx_ext.markup import Page

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# The parser and its edits
# ---------------------------------------------------------------------------
PAGE = ('<div class="a" data-x="1 > 0"><p>One &amp; <b>two</b></p>\n'
        '<script>var t = "<table><iframe class=\\"sco-map-frame\\">";</script>\n'
        '<br /><img src="x.png" alt=""><p>unclosed<div id="d">three</div></div><p>four</p>')


def test_the_parser_finds_elements_their_places_and_their_text():
    page = Page(PAGE)
    assert [el.tag for el in page.elements] == ["div", "p", "b", "script", "br", "img", "p", "div", "p"]
    div = page.elements[0]
    assert div.get("data-x") == "1 > 0" and page.start_tag(div) == '<div class="a" data-x="1 > 0">'
    assert page.source(div).endswith("three</div></div>"), "a > in a quoted value does not end the tag"
    assert not page.find_all("table") and not page.find_all("iframe"), "markup inside a script is text"
    assert page.text_of(page.elements[1]) == "One & two"
    assert page.text_of(div) == "One & two\n\nunclosedthree", "no script text"
    unclosed = page.elements[6]
    assert page.source(unclosed) == "<p>unclosed<div id=\"d\">three</div>", "closed by its parent's end tag"
    assert [el.tag for el in page.find_all(within=div)] == ["p", "b", "script", "br", "img", "p", "div"]
    assert page.find_all("div", id="d")[0].parent is unclosed
    assert page.find_all(class_="a") == [div] and page.find_all("img", src=True)[0].get("alt") == ""


def test_edits_change_only_what_they_name():
    page = Page(PAGE)
    assert page.html() == PAGE
    b, br = page.find_all("b")[0], page.find_all("br")[0]
    page.replace_element(b, "<i>2</i>")
    page.set_attrs(br, [("class", 'a"b')])
    page.add_attr_first(page.find_all("img")[0], "loading", "lazy")
    out = page.html()
    assert out == PAGE.replace("<b>two</b>", "<i>2</i>").replace("<br />", '<br class="a&quot;b" />').replace(
        '<img src', '<img loading="lazy" src')
    page.replace(b.start + 1, b.end, "x")
    with pytest.raises(ValueError, match="overlap"):
        page.html()


def test_removing_a_tag_on_a_line_of_its_own_takes_its_line():
    head = '<link rel="a" />\n    <script src="x.js"></script>\n<meta />'
    page = Page(head)
    page.remove(page.find_all("script")[0], space_before=True)
    assert page.html() == '<link rel="a" />\n<meta />'


# ---------------------------------------------------------------------------
# Page weight: the filters of templates/layout.html
# ---------------------------------------------------------------------------
HEAD = """
    <link href="_static/styles/pydata-sphinx-theme.css?digest=abc" rel="stylesheet" />
    <link rel="preload" as="script" href="_static/scripts/bootstrap.js?digest=abc" />
    <link rel="preload" as="style" href="_static/styles/pydata-sphinx-theme.css?digest=abc" />
  <script src="_static/scripts/fontawesome.js?digest=abc"></script>
    <script src="_static/documentation_options.js?v=1"></script>
    <script src="_static/doctools.js?v=2"></script>
    <script defer src="_static/scripts/pydata-sphinx-theme.js?digest=abc"></script>
    <script async="async" src="_static/async.js"></script>
    <script>var inline = '<script src="x.js">';</script>
    <script src="_static/searchtools.js"></script>
    <script src="searchindex.js"></script>"""


def test_the_head_loses_font_awesome_preloads_and_search_and_defers_scripts():
    out = pageweight.without_fontawesome(HEAD)
    assert "fontawesome.js" not in out and out == HEAD.replace('\n  <script src="_static/scripts/fontawesome.js?digest=abc"></script>', "")
    out = pageweight.without_script_preloads(HEAD)
    assert 'as="script"' not in out and 'as="style"' in out
    out = pageweight.without_search_scripts(HEAD)
    assert "searchtools" not in out and "searchindex" not in out and "doctools.js" in out
    out = pageweight.with_lean_theme_css(HEAD)
    assert out.count("pydata-sphinx-theme-sco.css?digest=abc") == 2 and "pydata-sphinx-theme.css" not in out
    assert '<link href="_static/styles/pydata-sphinx-theme-sco.css?digest=abc" rel="stylesheet" />' in out
    out = pageweight.deferred_scripts(HEAD)
    assert '<script defer="defer" src="_static/doctools.js?v=2">' in out
    assert '<script src="_static/documentation_options.js?v=1">' in out, "the inline scripts after it need it at once"
    assert '<script defer src="_static/scripts/pydata-sphinx-theme.js' in out and '<script async="async" src=' in out
    assert "var inline = '<script src=\"x.js\">'" in out, "a script's text is not a tag"
    assert out.count('defer="defer"') == 4


# ---------------------------------------------------------------------------
# Accessibility: tables and bibliography entries
# ---------------------------------------------------------------------------
def _context(body: str, **more) -> dict:
    return {"body": body, "pathto": lambda target, resource=0: f"../{target}", **more}


def test_every_table_scrolls_in_a_labelled_region():
    body = ('<div class="pst-scrollable-table-container">\n<table class="table"><thead><tr><th>Week</th><th>Read &amp; do</th>'
            '</tr></thead><tbody><tr><td>1</td><td>x</td></tr></tbody></table>\n</div>'
            '<table><caption><span>Votes</span> in   2014</caption><tr><td>1</td></tr></table>'
            '<div class="sco-scroll" role="region" tabindex="0" aria-label="Table: done"><table><tr><th>a</th></tr></table></div>'
            '<table id="outer"><tr><td><table><tr><th>inner</th></tr></table></td></tr></table>'
            '<script>document.write("<table></table>")</script>')
    context = _context(body)
    accessibility.scroll_tables(None, "p", "page.html", context, None)
    out = context["body"]
    assert out.startswith('<div class="pst-scrollable-table-container" role="region" tabindex="0" '
                          'aria-label="Table: Week, Read &amp; do"><table class="table">')
    assert ('<div class="sco-scroll" role="region" tabindex="0" aria-label="Table: Votes in 2014"><table><caption>'
            in out)
    assert out.count('aria-label="Table: done"') == 1 and out.count("sco-scroll") == 2
    assert '<table id="outer"><tr><td><table>' in out, "nested tables stay as they are"
    assert 'document.write("<table></table>")' in out
    page = Page(out)
    regions = page.find_all(role="region")
    assert len(regions) == 3 and all(r.get("tabindex") == "0" for r in regions)


def test_bibliography_entries_are_list_items():
    body = '<div role="list"><div class="citation" id="x" role="doc-biblioentry"><span>A</span></div></div>'
    context = _context(body)
    accessibility.fix_citation_roles(None, "bibliography", "page.html", context, None)
    assert context["body"] == body.replace("doc-biblioentry", "listitem")


# ---------------------------------------------------------------------------
# Maps: a file of its own, and a frame that waits for the reader
# ---------------------------------------------------------------------------
def test_a_map_document_moves_to_its_own_file_and_waits_for_the_reader(tmp_path):
    import html

    doc = f'<html><script src="{assets.VENDOR_MARK}/leaflet/leaflet.js"></script><p title="a &amp; b">"x" > y</p></html>'
    body = (f'<figure><iframe class="sco-map-frame" title="Map: members" srcdoc="{html.escape(doc, quote=True)}" '
            'style="width:100%"></iframe><figcaption>Members</figcaption></figure>')
    app = SimpleNamespace(outdir=str(tmp_path))
    context = _context(body)
    maps.map_documents(app, "chapters/01", "page.html", context, None)
    files = list((tmp_path / maps.MAPS).glob("*.html"))
    assert len(files) == 1 and re.fullmatch(r"[0-9a-f]{16}\.html", files[0].name)
    assert files[0].read_text(encoding="utf-8") == doc.replace(assets.VENDOR_MARK, "../vendor")
    src = f"../{maps.MAPS}/{files[0].name}"
    frame = f'<iframe class="sco-map-frame" title="Map: members" src="{src}" loading="lazy" style="width:100%"></iframe>'
    assert context["body"] == f"<figure>{frame}<figcaption>Members</figcaption></figure>"
    maps.maps_wait_for_the_reader(app, "chapters/01", "page.html", context, None)
    waiting = frame.replace(' src="', ' data-src="')
    assert context["body"] == f"<figure>{waiting}<noscript>{frame}</noscript><figcaption>Members</figcaption></figure>"


def test_a_quiz_script_on_a_page_waits_and_its_code_goes_to_one_file(tmp_path):
    from tools.sphinx_ext import quizzes

    script = ('var questionsAB=[{"q": "1 < 2"}];\n' + quizzes.QUIZ_CODE_START + 'function show_questions(q, e) { e.innerHTML = "<p></p>"; }\n'
              + quizzes.QUIZ_CODE_END + ' */\nfunction try_show() {\n  if (document.getElementById("AB")) {\n'
              "    show_questions(questionsAB, AB);\n  }\n};\n" + quizzes.QUIZ_CALL + "\n")
    other = '<script type="application/javascript">var x = 1;</script>'
    body = f'<div id="AB"></div><script type="application/javascript">{script}</script>{other}<p>after</p>'
    context = _context(body)
    quizzes.quizzes_wait_for_the_reader(SimpleNamespace(outdir=str(tmp_path)), "chapters/x", "page.html", context, None)
    files = list((tmp_path / quizzes.QUIZZES).glob("*.js"))
    assert len(files) == 1 and "function show_questions" in files[0].read_text(encoding="utf-8")
    waiting = quizzes.quiz_waits(script, f"../{quizzes.QUIZZES}/{files[0].name}", "chapters/x")
    assert context["body"] == f'<div id="AB"></div><script type="application/javascript">{waiting}</script>{other}<p>after</p>'


def test_a_file_named_by_its_content_is_written_once_under_that_name(tmp_path):
    """The maps, the widget states and the quiz code share one writer (tools/sphinx_ext/files.py):
    a file's name is the SHA-256 of exactly what it holds, so a changed text gets a new name."""
    import hashlib

    from tools.sphinx_ext import files

    folder = tmp_path / "_static" / "maps"
    text = "<html>Шанхай 上海</html>"
    name = files.write_by_content(folder, text, "html")
    assert name == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".html"
    assert (folder / name).read_text(encoding="utf-8") == text
    assert files.write_by_content(folder, text, "html") == name and [p.name for p in folder.iterdir()] == [name]
    assert files.write_by_content(folder, text + " ", "html") != name
    # the quiz code's file too is named by what it holds (its first line included)
    quiz = tmp_path / "book"
    test_a_quiz_script_on_a_page_waits_and_its_code_goes_to_one_file(quiz)
    (code,) = (quiz / files.QUIZZES).glob("*.js")
    assert code.name == files.content_name(code.read_text(encoding="utf-8"), "js")


# ---------------------------------------------------------------------------
# Icons: the outlines of npm's Font Awesome
# ---------------------------------------------------------------------------
FA = ROOT / "node_modules" / icons.FONTAWESOME


@pytest.mark.skipif(not FA.is_dir(), reason="needs 'npm ci' (make unit runs it)")
def test_icon_outlines_come_from_the_npm_svg_files():
    fa = icons.fontawesome(ROOT)
    info = fa.outline("solid", "circle-info")
    svg = (FA / "svgs" / "solid" / "circle-info.svg").read_text(encoding="utf-8")
    assert (info.width, info.height) == (512, 512) and f'd="{info.path}"' in svg
    assert fa.outline("solid", "info-circle") == info, "an alias draws its icon"
    assert fa.outline_by_code("solid", 0xF05A) == info, "a stylesheet names an icon by its code point"
    assert fa.outline("regular", "moon") != fa.outline("solid", "moon")
    assert fa.outline("solid", "lg") is None, "a modifier is no icon"
    css = icons.icons_css({("solid", "bars"), ("solid", "lg")}, fa)
    assert css.count("--sco-icon:url(") == 1 and ":is(i,span).fa-solid.fa-bars,:is(i,span).fas.fa-bars{" in css
    rules = icons.pseudo_icons_css([':root{--pst-icon-x:"\\f05a"}.admonition-title:after{content:var(--pst-icon-x);'
                                    "font:var(--fa-font-solid)}"], fa)
    assert rules[0].startswith(":root{--sco-glyph-f05a:url(") and 'content:"";--sco-glyph:var(--sco-glyph-f05a)' in rules[1]


def test_without_the_npm_package_the_build_says_how_to_get_it(tmp_path):
    with pytest.raises(ExtensionError, match=r"fontawesome-free.*npm ci"):
        icons.fontawesome(tmp_path)


def test_the_icons_pinned_in_npm_are_the_theme_s_font_awesome():
    """The pages name the icons the theme's templates and stylesheets name: the npm package must be
    the version of Font Awesome the installed theme bundles."""
    import pydata_sphinx_theme

    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][icons.FONTAWESOME]
    notice = next(Path(pydata_sphinx_theme.__file__).parent.rglob("fontawesome.js.LICENSE.txt")).read_text(encoding="utf-8")
    assert f"Font Awesome Free {pinned} " in notice, f"package.json pins {icons.FONTAWESOME} {pinned}; the theme bundles: {notice[:200]}"


def test_page_icons_reads_the_classes_of_i_and_span_only():
    html = ('<i class="fa-solid fa-bars fa-lg"></i><span aria-hidden="true" class="fas fa-sun"></span>'
            '<div class="fa-solid fa-moon"></div><i class="fa-brands fa-github"></i>'
            '<script>"<i class=\\"fa-solid fa-code\\">"</script>')
    assert icons.page_icons(html) == {("solid", "bars"), ("solid", "lg"), ("solid", "sun")}


# ---------------------------------------------------------------------------
# One layout for the vendored files and the wheel; one setup registering every part
# ---------------------------------------------------------------------------
def test_the_vendor_url_contract(monkeypatch):
    from helpers import maps as helper_maps

    monkeypatch.delenv(assets.VENDOR_ENV, raising=False)
    assert assets.vendor_url("leaflet") is None and helper_maps.asset_base() == helper_maps.CDN
    monkeypatch.setenv(assets.VENDOR_ENV, "../_static/vendor/")
    assert assets.vendor_url("leaflet") == "../_static/vendor/leaflet" == helper_maps.asset_base()
    assert helper_maps.leaflet_source() == "book"
    assert set(assets.BOOK_ASSETS) == {"leaflet", "html-manager"}
    assert assets.package_data_globs()[-6:] == ["_vendor/leaflet/leaflet.js", "_vendor/leaflet/leaflet.css",
                                                "_vendor/leaflet/images/*.png", "_vendor/leaflet/LICENSE", "static/*.js",
                                                "templates/*.html"]
    assert all(g.startswith("_data/") for g in assets.package_data_globs()[:len(assets.WHEEL_DATA)])


class _App:
    """What setup() asks of Sphinx: it records each connection."""

    def __init__(self):
        self.listeners: list[tuple[str, str, int]] = []
        self.css: list[str] = []
        self.config = SimpleNamespace(templates_path=[])

    def connect(self, event, handler, priority=500):
        self.listeners.append((event, f"{handler.__module__.rsplit('.', 1)[-1]}.{handler.__name__}", priority))

    def add_css_file(self, name):
        self.css.append(name)


def test_setup_registers_every_part_in_order(monkeypatch):
    monkeypatch.delenv("SCO_EDITION", raising=False)
    monkeypatch.setenv(assets.VENDOR_ENV, "set by this test, restored after it")
    app = _App()
    assert sphinx_ext.setup(app) == {"parallel_read_safe": True, "parallel_write_safe": True}
    import os

    assert os.environ[assets.VENDOR_ENV] == assets.VENDOR_MARK
    names = {name: priority for _, name, priority in app.listeners}
    assert len(names) == len(app.listeners), "each handler once"
    assert names["maps.map_documents"] < names["assets.fix_vendor_paths"] < names["maps.maps_wait_for_the_reader"]
    assert names["downloads.notebook_download"] < 501 < names["widgets.late_widget_assets"]
    finished = [name for event, name, _ in app.listeners if event == "build-finished"]
    assert finished.index("icons.write_icons_css") < finished.index("editions.finish_edition")
    assert {m.__name__.rsplit(".", 1)[-1] for m in sphinx_ext.PARTS} == {n.split(".")[0] for n in names}
    assert app.css == [icons.ICONS_CSS] and app.config.templates_path == [str(ROOT / "tools" / "templates")]


def test_every_module_of_the_extension_is_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "tools" / "sphinx_ext").glob("*.py")}
    assert len(sizes) >= 10 and max(sizes.values()) < 300, sizes


def test_a_work_cited_twice_in_one_citation_keeps_both_places():
    from tools.sphinx_ext.citations import join_places

    assert join_places("{cite:p}`a{para. 1},b,a{para. 3}`") == "{cite:p}`a{para. 1; para. 3},b`"
    assert join_places("{cite:t}`a{para. 2},a,a{para. 2}`") == "{cite:t}`a{para. 2}`"
    once = "see {cite:p}`a{para. 1},b{x, y}` and {cite:t}`c`"
    assert join_places(once) == once, "a citation naming each work once is left as it is"
    odd = "{cite:p}`{see}a{1},a{2}`"
    assert join_places(odd) == odd, "a role that is not a plain list of works is left to Sphinx"


def test_the_built_pages_show_every_place_of_a_work_cited_twice(book):
    def text(page):
        raw = (book / "chapters" / page).read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", raw)).replace("&#8211;", "–")

    assert "para. 1; para. 13]" in text("04_dushanbe_2014.html")  # summit2014{para. 1},summit2014{para. 13}
    assert "record 4076672; record 4076673" in text("07_words_and_votes.html")
