"""Sphinx extension of the book: serve every third-party script and stylesheet from the book itself.

The files come from the npm packages in ``package.json`` (installed by ``npm ci`` in
``make book``); nothing of a library is committed to the repository.  They are
copied to ``_build/html/_static/vendor/`` at the end of the build:

* ``vendor/html-manager/`` – ``@jupyter-widgets/html-manager``'s standalone bundle
  ``embed.js`` (and the fonts its stylesheet refers to).  myst-nb adds it, once, to
  the pages that hold widget state because ``nb_ipywidgets_js`` in ``_config.yml``
  names it instead of the default CDN copies.  The standalone bundle needs no
  require.js.
* ``vendor/leaflet/`` – Leaflet's script, stylesheet and marker images, which the
  maps made by ``helpers.maps`` load (see ``helpers.maps.asset_base``).

It also offers the class pack (``tools/classpack.py``): ``_build/sco-classpack.zip`` is
copied to the root of the built book, where the landing page and the instructors' page
link to it (a page that links to it fails the build if the zip is missing), and it turns
the launch buttons (Binder, JupyterHub) on only when ``_config.yml`` names the repository
(see :func:`launch_options`), so that a book without a public repository has no dead buttons.

What a page does not use is not loaded, and what the first paint does not need waits
(``templates/layout.html`` and :func:`late_widget_assets`).  The theme's Font Awesome script
(``_static/scripts/fontawesome.js``, 1.45 MB, which turns every ``<i class="fa-...">``
into an SVG) is dropped from every page (``templates/layout.html`` filters it out of the
theme's ``<head>``); the dozen icons the theme shows are drawn instead by
``_static/sco-icons.css``, written at the end of the build with the icon outlines read from
that same script of the installed theme (a few KB instead of the script or its 150 KB font).
The icons the theme's stylesheets put in pseudo-elements (the icon of an admonition's title,
for example) are drawn the same way (:func:`pseudo_icons_css`), so that no page downloads
Font Awesome's webfont either.

The extension owns the path of the served Leaflet: on setup it sets ``SCO_VENDOR_URL``
(which the notebook kernels inherit) to a marker, and when a page is written it replaces
the marker with the page's own relative path to ``_static/vendor``.  A plain
``jupyter-book build .`` therefore gives the same offline pages as ``make book``, on pages
at any depth.
"""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import quote
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# destination folder under _static/vendor -> (folder in node_modules, file patterns)
ASSETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "html-manager": (
        "@jupyter-widgets/html-manager/dist",
        ("embed.js", "*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg"),
    ),
    "leaflet": ("leaflet/dist", ("leaflet.js", "leaflet.css", "images/*.png")),
}


#: Where the vendored files are served, under the book's output folder.
VENDOR = "_static/vendor"
#: What ``helpers.maps`` writes in place of the path to VENDOR; replaced page by page.
VENDOR_MARK = "__sco_vendor__"


#: The class pack's zip, relative to the book's folder, and its name in the built book.
CLASSPACK = "_build/sco-classpack.zip"
CLASSPACK_NAME = "sco-classpack.zip"
#: The launch services that need a repository to launch from.
LAUNCH_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")


def launch_options(theme_options: dict) -> dict:
    """The theme options with launch buttons only when a public repository URL is configured.

    ``_config.yml``'s ``repository.url`` becomes ``repository_url`` and ``launch_buttons`` is
    passed through by Jupyter Book.  With an ``https://`` repository URL, the configured
    services (``binderhub_url``, and ``jupyterhub_url`` for nbgitpuller) are kept and the
    repository button is shown; without one, every service is blanked, so no page offers a
    button that leads nowhere.
    """
    out = dict(theme_options)
    url = str(out.get("repository_url") or "").strip()
    launch = dict(out.get("launch_buttons") or {})
    public = url.startswith("https://") and len(url.split("/")) >= 5
    if not public:
        for key in LAUNCH_SERVICES:
            if key in launch:
                launch[key] = ""
        launch["thebe"] = False
    out["launch_buttons"] = launch
    out["use_repository_button"] = public
    return out


def apply_launch_options(app: Sphinx, config) -> None:
    config.html_theme_options = launch_options(config.html_theme_options or {})


def _classpack(app: Sphinx) -> Path:
    return Path(app.srcdir) / CLASSPACK


def check_classpack_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A page that offers the class pack needs the zip: fail with the fix in the message."""
    body = context.get("body")
    if body and CLASSPACK_NAME in body and not _classpack(app).is_file():
        raise ExtensionError(
            f"{pagename} links to {CLASSPACK_NAME} but {_classpack(app)} is missing: "
            "run 'make classpack' (make book does it for you)."
        )


def copy_classpack(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if _classpack(app).is_file():
        shutil.copyfile(_classpack(app), Path(app.outdir) / CLASSPACK_NAME)
    elif any(CLASSPACK_NAME in page.read_text(encoding="utf-8") for page in Path(app.outdir).glob("*.html")):
        raise ExtensionError(f"the book links to {CLASSPACK_NAME} but {_classpack(app)} is missing: run 'make classpack'.")


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def check_assets(app: Sphinx) -> None:
    """Fail early, with the fix in the message, when the npm packages are missing."""
    if app.builder.format != "html":
        return
    root = _node_modules(app)
    for name, (folder, patterns) in ASSETS.items():
        for pattern in patterns:
            if not list((root / folder).glob(pattern)):
                raise ExtensionError(
                    f"{root / folder / pattern} is missing: the book serves {name} itself. "
                    "Run 'npm ci' in the book's folder (make book does it for you)."
                )


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = _node_modules(app)
    for name, (folder, patterns) in ASSETS.items():
        dest = Path(app.outdir) / VENDOR / name
        for pattern in patterns:
            for src in (root / folder).glob(pattern):
                target = dest / src.relative_to(root / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)


# ---------------------------------------------------------------------------
# Font Awesome: no 1.45 MB script; the few icons drawn from the theme's own outlines
# ---------------------------------------------------------------------------
#: The tag of the theme's Font Awesome script, as the theme writes it in every page's <head>.
FONTAWESOME_TAG = re.compile(r'\s*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>')
ICONS_CSS = "sco-icons.css"
#: Font Awesome's class prefixes -> the pack of its script that holds their outlines.
ICON_PACKS = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far"}
_ICON_CLASS = re.compile(r'<(?:i|span) class="([^"]*(?<![\w-])(?:fa-solid|fas|fa-regular|far)(?![\w-])[^"]*)"')


def without_fontawesome(head: str) -> str:
    """The theme's <head> assets without its Font Awesome script (a Jinja filter of templates/layout.html)."""
    return FONTAWESOME_TAG.sub("", str(head))


#: The theme's hints that fetch its deferred scripts early (they load at the end of <body> anyway).
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script"[^>]*>')
#: The scripts of search-as-you-type, in every page's <head> (search.html loads its own).
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')


#: The theme's stylesheet, and the copy of it the pages link instead: without the rules of
#: Font Awesome's 1,900 icon classes and its @font-face rules (20 KB of the 64 KB gzip that
#: hold up every first paint), which nothing uses once sco-icons.css draws the icons.
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
LEAN_THEME_CSS = "_static/styles/pydata-sphinx-theme-sco.css"
_FA_ICON_RULE = re.compile(r'(?:\.fa-[\w-]+:{1,2}(?:before|after),?)+\{content:(?:"[^"]*"|\'[^\']*\')\}')
_FA_FONT_FACE = re.compile(r"@font-face\{[^}]*Font Awesome[^}]*\}")


def lean_theme_css(css: str) -> str:
    return _FA_FONT_FACE.sub("", _FA_ICON_RULE.sub("", css))


def with_lean_theme_css(head: str) -> str:
    return str(head).replace(f"{THEME_CSS}?", f"{LEAN_THEME_CSS}?").replace(f'{THEME_CSS}"', f'{LEAN_THEME_CSS}"')


#: Every script of <head> but documentation_options.js (which the inline scripts after it use)
#: runs after the page is parsed, in the same order, before DOMContentLoaded as they expect.
_BLOCKING_SCRIPT = re.compile(r'<script (?![^>]*\b(?:defer|async)\b)([^>]*\bsrc="(?![^"]*documentation_options\.js)[^"]+"[^>]*)>')


def deferred_scripts(head: str) -> str:
    return _BLOCKING_SCRIPT.sub(r'<script defer="defer" \1>', str(head))


def without_script_preloads(head: str) -> str:
    return SCRIPT_PRELOAD.sub("", str(head))


def without_search_scripts(head: str) -> str:
    return SEARCH_SCRIPTS.sub("", str(head))


def add_template_filter(app: Sphinx) -> None:
    if app.builder.format == "html" and hasattr(app.builder, "templates"):
        filters = app.builder.templates.environment.filters
        filters["sco_without_fontawesome"] = without_fontawesome
        filters["sco_without_script_preloads"] = without_script_preloads
        filters["sco_without_search_scripts"] = without_search_scripts
        filters["sco_with_lean_theme_css"] = with_lean_theme_css
        filters["sco_deferred_scripts"] = deferred_scripts


def one_copy_of_each_script(app: Sphinx, config) -> None:
    """Jupyter Book adds every script of ``_static`` to ``html_js_files`` as a plain (blocking)
    script; when ``_config.yml`` lists the same script with attributes (``defer``), only that
    entry is kept, so that the script loads once and does not block the page."""
    entries = list(config.html_js_files or [])
    with_attrs = {e[0] for e in entries if isinstance(e, (tuple, list)) and e[1]}
    config.html_js_files = [e for e in entries
                            if not (isinstance(e, (tuple, list)) and not e[1] and e[0] in with_attrs)
                            and not (isinstance(e, str) and e in with_attrs)]


# ---------------------------------------------------------------------------
# Widgets: a first view in plain HTML; the manager loaded when the reader comes near
# ---------------------------------------------------------------------------
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_MANAGER = "html-manager/embed.js"
_WIDGET_VIEW = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S)
_PAGE_HEADING = re.compile(r"<h([1-6])\b")
#: The loader of the widget manager, inlined in each page with widgets (tools/widget_loader.js).
WIDGET_LOADER = Path(__file__).parent / "widget_loader.js"


def _state_json(state: dict) -> str:
    import json

    return json.dumps(state, ensure_ascii=False).replace("</", "<\\/")


def first_views(body: str, state: dict, where: str = "") -> str:
    """``body`` with the first view of each widget (tools/first_view.py) before its view tag, and
    ``state`` changed in place so that each widget's headings follow the page's."""
    import json

    from tools import first_view

    models = state.get("state", {})
    first_view.check_kinds(models, where)
    out, last = [], 0
    for m in _WIDGET_VIEW.finditer(body):
        model_id = json.loads(m.group(1))["model_id"]
        levels = _PAGE_HEADING.findall(body, 0, m.start())
        first_view.fit_headings(models, model_id, int(levels[-1]) if levels else 1)
        out += [body[last:m.start()],
                f'<div class="sco-first-view">{first_view.render(models, model_id, where)}</div>', m.group(0)]
        last = m.end()
    first_view.clean(models)
    return "".join(out) + body[last:]


def late_widget_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """myst-nb writes a page's widget state (40-300 KB) as a script in <head>, before the
    text, and the 1.8 MB widget manager (447 KB gzip) as a script of its own.  Here:

    * each widget's first view is written, as plain HTML, where the widget is drawn
      (:func:`first_views`): the page's text and its widgets' first views need no script;
    * the state leaves the page for a script of its own under ``_static/widgets/`` (named by
      its content, :func:`state_script`), its panes' headings shifted to follow the page's: a
      phone parses 100-330 KB less HTML before it can paint, and reads the state only when a
      widget goes live;
    * neither the state nor the manager is fetched with the page: a small inline loader
      (``tools/widget_loader.js``) fetches both, in that order, when the reader scrolls near a
      widget or touches one, and puts the live widget in place of its first view once drawn.
      The loader's tag names the two scripts (``data-sco-state``, ``data-sco-manager``)."""
    import json

    scripts = context.get("script_files")
    if not scripts or "body" not in context:
        return
    keep, states, manager = [], [], None
    for js in scripts:
        attrs = getattr(js, "attributes", None) or {}
        name = str(getattr(js, "filename", "") or "")
        if attrs.get("type") == WIDGET_STATE:
            states.append(json.loads(attrs.get("body") or "{}"))
        elif name.endswith(WIDGET_MANAGER):
            manager = re.search(r'src="([^"]+)"', context["js_tag"](js)).group(1)
        else:
            keep.append(js)
    if not states and manager is None:
        return
    if manager is None:
        raise ExtensionError(f"{pagename}: the page holds widget state but myst-nb added no {WIDGET_MANAGER}")
    import html

    body = context["body"]
    for state in states:
        body = first_views(body, state, pagename)
    name = write_state_script(Path(app.outdir), [_state_json(state) for state in states], pagename)
    src = context["pathto"](f"{WIDGETS}/{name}", 1)
    loader = WIDGET_LOADER.read_text(encoding="utf-8")
    context["script_files"] = keep
    context["body"] = (f'{body}\n<script data-sco-state="{html.escape(src)}" data-sco-manager="{html.escape(manager)}">'
                       f"{loader}</script>\n")


# ---------------------------------------------------------------------------
# Quizzes: drawn when the reader comes near
# ---------------------------------------------------------------------------
#: How jupyterquiz (helpers.exercises.quiz) writes the script of a quiz: the questions, then its
#: whole code (38 KB, the same for every quiz) in a block, ending with a call that draws the quiz
#: at once, while the page is still being parsed.
QUIZ_CODE_START = "if (typeof Question === 'undefined') {\n"
QUIZ_CODE_END = "/*\n * Handle asynchrony issues"
QUIZ_CALL = "// Invoke immediately\n{\n  try_show();\n}"
_QUIZ_ID = re.compile(r'function try_show\(\) \{\n  if \(document\.getElementById\("(\w+)"\)\)')
#: Where jupyterquiz's code is written, once for the book (named by its content).
QUIZZES = "_static/quiz"
_QUIZ_FILE = re.compile(r"_static/quiz/([0-9a-f]{16}\.js)")
QUIZ_WHEN_NEAR = """
// The quiz is drawn when the reader comes within a screen of it, and jupyterquiz's code (one
// file for every quiz of the book) is fetched then (tools/sphinx_ext.py, quizzes_wait_for_the_reader).
(function (id, src) {
  var box = document.getElementById(id);
  if (!box) return;
  function draw() { show_questions(window["questions" + id], box); }
  function load() {
    if (typeof show_questions !== "undefined") { draw(); return; }
    var code = window.scoQuizCode;
    if (!code) {
      code = window.scoQuizCode = {waiting: [], script: document.createElement("script")};
      code.script.src = src;
      code.script.onload = function () { code.waiting.splice(0).forEach(function (f) { f(); }); };
      document.head.appendChild(code.script);
    }
    code.waiting.push(draw);
  }
  if (!("IntersectionObserver" in window)) { load(); return; }
  var near = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); load(); }
  }, {rootMargin: "100% 0px"});
  near.observe(box);
})("__ID__", "__SRC__");
"""


def split_quiz(script: str, where: str = "") -> tuple[str, str, str]:
    """jupyterquiz's script of a quiz as (the questions, jupyterquiz's code, the quiz's id).
    A script of another shape fails the build: jupyterquiz changed, and this must follow."""
    found = _QUIZ_ID.search(script)
    start, end = script.find(QUIZ_CODE_START), script.find(QUIZ_CODE_END)
    if QUIZ_CALL not in script or found is None or not 0 < start < end:
        raise ExtensionError(f"{where}: a quiz script without jupyterquiz's code and call 'try_show()' as expected; "
                             "jupyterquiz changed: update tools/sphinx_ext.py (split_quiz)")
    return script[:start], script[start + len(QUIZ_CODE_START):end], found.group(1)


def quiz_waits(script: str, src: str, where: str = "") -> str:
    """The script of a quiz without jupyterquiz's code, drawing the quiz only when the reader comes
    within a screen of it (fetching the code, at ``src``, then), instead of while the page is
    parsed: a chapter's quiz is 10-15 questions of DOM built and laid out before the first paint
    (100-350 ms of a phone's main thread), and its code 38 KB (8 KB gzip) of every chapter."""
    questions, _code, ident = split_quiz(script, where)
    return questions + QUIZ_WHEN_NEAR.replace("__ID__", ident).replace("__SRC__", src)


_QUIZ_SCRIPT = re.compile(r'(<script type="application/javascript">)(var questions\w+=.*?)(</script>)', re.S)


def quizzes_wait_for_the_reader(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    import hashlib

    body = context.get("body")
    if not body or "var questions" not in body:
        return

    def waiting(m: re.Match) -> str:
        code = split_quiz(m.group(2), pagename)[1]
        name = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16] + ".js"
        folder = Path(app.outdir) / QUIZZES
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / name).is_file():
            (folder / name).write_text("/* jupyterquiz's code, shared by every quiz of the book (tools/sphinx_ext.py) */\n"
                                       + code, encoding="utf-8")
        return m.group(1) + quiz_waits(m.group(2), context["pathto"](f"{QUIZZES}/{name}", 1), pagename) + m.group(3)

    context["body"] = _QUIZ_SCRIPT.sub(waiting, body)


#: Where the widget state of each page is written (a script per page, named by its content).
WIDGETS = "_static/widgets"
_STATE_FILE = re.compile(r"_static/widgets/([0-9a-f]{16}\.js)")


def state_script(states: list[str], pagename: str = "") -> str:
    """A script that puts each widget state (JSON text) in the page as the script element
    ``embed.js`` reads (``type="application/vnd.jupyter.widget-state+json"``).  The JSON goes in
    as a string literal, parsed by the browser's JSON parser when the manager reads it."""
    import json

    literals = ",\n".join(json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                          .replace("</", "<\\/") for text in states)
    return (f"/* The widget state of {pagename or 'a page'} (tools/sphinx_ext.py, late_widget_assets), "
            "loaded by tools/widget_loader.js before the widget manager. */\n"
            "(function () {\n  [" + literals + "].forEach(function (text) {\n"
            "    var s = document.createElement(\"script\");\n"
            f"    s.type = \"{WIDGET_STATE}\";\n"
            "    s.textContent = text;\n    document.body.appendChild(s);\n  });\n})();\n")


def write_state_script(html_dir: Path, states: list[str], pagename: str = "") -> str:
    """Write :func:`state_script` under ``_static/widgets/`` of ``html_dir``; return its file name."""
    import hashlib

    text = state_script(states, pagename)
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".js"
    folder = Path(html_dir) / WIDGETS
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / name).is_file():
        (folder / name).write_text(text, encoding="utf-8")
    return name


def _fontawesome_script() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"


def icon_outlines(script: str, pack: str) -> dict[str, tuple[int, int, str]]:
    """name -> (width, height, SVG path) of every icon of ``pack`` ("fas", "far") in Font Awesome's script."""
    call = re.search(r'\(\s*"%s"\s*,\s*(\w+)\s*\)' % pack, script)
    if call is None:
        return {}
    start = script.rfind(f"var {call.group(1)}={{", 0, call.start())
    body = script[start:call.start()]
    icons = {}
    for m in re.finditer(r'(?:"([\w-]+)"|([\w$]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*",("[^"]*"|\[[^\]]*\])\]', body):
        name = m.group(1) or m.group(2)
        paths = re.findall(r'"([^"]*)"', m.group(5))
        icons[name] = (int(m.group(3)), int(m.group(4)), " ".join(p for p in paths if p))
    return icons


def outlines_by_code(script: str, pack: str) -> dict[int, tuple[int, int, str]]:
    """code point -> (width, height, SVG path) of every icon of ``pack`` in Font Awesome's script."""
    call = re.search(r'\(\s*"%s"\s*,\s*(\w+)\s*\)' % pack, script)
    if call is None:
        return {}
    start = script.rfind(f"var {call.group(1)}={{", 0, call.start())
    icons = {}
    for m in re.finditer(r'(?:"[\w-]+"|[\w$]+):\[(\d+),(\d+),\[[^\]]*\],"([0-9a-f]+)",("[^"]*"|\[[^\]]*\])\]',
                         script[start:call.start()]):
        paths = re.findall(r'"([^"]*)"', m.group(4))
        icons.setdefault(int(m.group(3), 16), (int(m.group(1)), int(m.group(2)), " ".join(p for p in paths if p)))
    return icons


def _svg_url(width: int, height: int, path: str) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path d="{path}"/></svg>'
    return f'url("data:image/svg+xml,{quote(svg)}")'


_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_VAR = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")
_PSEUDO = re.compile(r":{1,2}(?:before|after)\b")
_FA_CLASS_ONLY = re.compile(r"\.fa-[\w-]+:{1,2}(?:before|after)(?:,\.fa-[\w-]+:{1,2}(?:before|after))*")


def _css_string(value: str) -> str | None:
    """The text of a CSS string value ("\\f05a" or the character itself), or None."""
    m = re.fullmatch(r'\s*"((?:[^"\\]|\\.)*)"\s*', value) or re.fullmatch(r"\s*'((?:[^'\\]|\\.)*)'\s*", value)
    if m is None:
        return None
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", lambda e: chr(int(e.group(1), 16)) if e.group(1) else e.group(2),
                  m.group(1))


def pseudo_icons_css(stylesheets: list[str], script: str) -> list[str]:
    """Rules that draw the theme's Font Awesome icons of pseudo-elements (``::after`` of an
    admonition's title, for example) as CSS masks of their outlines, so that no page needs
    Font Awesome's 150 KB webfont.

    ``stylesheets`` are the texts of the page's stylesheets, in the order a page links them.
    Every ``::before``/``::after`` rule that sets ``font: var(--fa-font-solid)`` (or a Font
    Awesome ``font-family``) draws its ``--sco-glyph`` as a mask in the current colour instead;
    every such rule that sets ``content`` to a Font Awesome character (directly or through a
    ``--pst-icon-*`` variable) gets that character's outline as ``--sco-glyph`` and an empty
    content.  Each rule is repeated with its own selector, after the original in the cascade.
    """
    texts = [re.sub(r"/\*.*?\*/", "", css, flags=re.S) for css in stylesheets]
    variables: dict[str, str] = {}
    for css in texts:
        for name, value in _CSS_VAR.findall(css):
            variables.setdefault(name, value.strip())

    def resolve(value: str, depth: int = 0) -> str | None:
        m = re.fullmatch(r"\s*var\((--[\w-]+)\)\s*", value)
        if m and depth < 10:
            return resolve(variables.get(m.group(1), ""), depth + 1)
        return _css_string(value)

    outlines = outlines_by_code(script, "fas")
    rules: list[str] = []
    glyphs: set[int] = set()
    for css in texts:
        for selector, body in _CSS_RULE.findall(css):
            selector = " ".join(selector.split())
            if not _PSEUDO.search(selector) or selector.startswith("@") or _FA_CLASS_ONLY.fullmatch(selector):
                continue  # the icons of Font Awesome's own classes are drawn by icons_css
            decls = dict((k.strip().lower(), v.strip()) for k, v in
                         (d.split(":", 1) for d in body.split(";") if ":" in d))
            out = []
            font = decls.get("font", "") + decls.get("font-family", "")
            if "--fa-font-solid" in font or "Font Awesome" in font:
                out.append("font-family:inherit;font-weight:inherit;background-color:currentColor;"
                           "-webkit-mask:var(--sco-glyph) center/contain no-repeat;mask:var(--sco-glyph) center/contain no-repeat")
                if "width" not in decls:
                    out.append("display:inline-block;width:1em;height:1em;vertical-align:-.125em")
            text = resolve(decls["content"]) if "content" in decls else None
            if text and len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF and ord(text) in outlines:
                glyphs.add(ord(text))
                out.append(f'content:"";--sco-glyph:var(--sco-glyph-{ord(text):x})')
            if out:
                rules.append(f"{selector}{{{';'.join(out)}}}")
    if glyphs:  # each outline once
        rules.insert(0, ":root{" + ";".join(f"--sco-glyph-{c:x}:{_svg_url(*outlines[c])}" for c in sorted(glyphs)) + "}")
    return rules


def icons_used(html_dir: Path) -> set[tuple[str, str]]:
    """(pack, icon name) of every Font Awesome icon (an <i> or <span>) the built pages show."""
    used = set()
    for page in html_dir.rglob("*.html"):
        for classes in _ICON_CLASS.findall(page.read_text(encoding="utf-8", errors="replace")):
            names = classes.split()
            pack = next(ICON_PACKS[c] for c in names if c in ICON_PACKS)
            used |= {(pack, c[3:]) for c in names if c.startswith("fa-") and c not in ICON_PACKS}
    return used


def icons_css(used: set[tuple[str, str]], script: str) -> str:
    """A stylesheet that draws each used icon as a CSS mask of its outline, in the text's colour."""
    packs = {pack: icon_outlines(script, pack) for pack in {p for p, _ in used}}
    rules = [
        "/* Written by tools/sphinx_ext.py from the theme's Font Awesome outlines (Font Awesome Free, CC BY 4.0 icons). */",
        ":is(i,span):is(.fa-solid,.fas,.fa-regular,.far){font-family:inherit}",
        ":is(i,span):is(.fa-solid,.fas,.fa-regular,.far)::before{content:\"\";display:inline-block;height:1em;width:var(--sco-icon-w,1em);"
        "vertical-align:-.125em;background-color:currentColor;-webkit-mask:var(--sco-icon) center/contain no-repeat;"
        "mask:var(--sco-icon) center/contain no-repeat}",
    ]
    for pack, name in sorted(used):
        outline = packs[pack].get(name)
        if outline is None:  # a modifier (fa-lg, fa-fw...), not an icon
            continue
        width, height, path = outline
        selector = ",".join(f":is(i,span).{prefix}.fa-{name}" for prefix, p in ICON_PACKS.items() if p == pack)
        rules.append(f'{selector}{{--sco-icon:{_svg_url(width, height, path)};--sco-icon-w:{width / height:.4g}em}}')
    return "\n".join(rules) + "\n"


def page_stylesheets(html_dir: Path) -> list[Path]:
    """The book's own and its extensions' stylesheets, in the order the landing page links them."""
    index = html_dir / "index.html"
    if not index.exists():
        return []
    links = re.findall(r"<link\b[^>]*>", index.read_text(encoding="utf-8"))
    hrefs = [m.group(1) for tag in links if 'rel="stylesheet"' in tag and (m := re.search(r'href="([^"?]+)', tag))]
    found = []
    for href in dict.fromkeys(hrefs):
        path = html_dir / href
        if path.suffix == ".css" and path.is_file() and path.name != ICONS_CSS and "vendor" not in path.parts:
            found.append(path)
    return found


def write_icons_css(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    script = _fontawesome_script()
    if not script.exists():
        raise ExtensionError(f"{script} is missing: the book draws the theme's icons from it (pydata-sphinx-theme)")
    outdir = Path(app.outdir)
    theme_css = outdir / THEME_CSS
    if theme_css.is_file():
        (outdir / LEAN_THEME_CSS).write_text(lean_theme_css(theme_css.read_text(encoding="utf-8")), encoding="utf-8")
    text = script.read_text(encoding="utf-8")
    pseudo = pseudo_icons_css([p.read_text(encoding="utf-8") for p in page_stylesheets(outdir)], text)
    css = icons_css(icons_used(outdir), text)
    css += "/* The icons of pseudo-elements (admonition titles...), without Font Awesome's webfont. */\n"
    (outdir / "_static" / ICONS_CSS).write_text(css + "\n".join(pseudo) + "\n", encoding="utf-8")


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """docutils marks each bibliography entry role="doc-biblioentry" inside a role="list";
    ARIA wants the items of a list to be list items (axe-core: aria-required-children)."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


# ---------------------------------------------------------------------------
# Tables: a wide table scrolls inside its own labelled, focusable area
# ---------------------------------------------------------------------------
_TABLE = re.compile(r'(<div class="pst-scrollable-table-container">\s*)?<table\b.*?</table>', re.S)
_WRAPPED = re.compile(r'<div class="sco-scroll"[^>]*>\s*$')


def _table_label(table: str) -> str:
    import html

    caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
    if caption:
        text = re.sub(r"<[^>]+>", "", caption.group(1))
    else:
        heads = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)[:4]]
        text = ", ".join(h for h in heads if h)
    text = " ".join(html.unescape(text).split())
    return f"Table: {text}" if text else "Table"


def scroll_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every table of a page scrolls sideways inside an area a keyboard can reach and a screen
    reader can name (role="region", tabindex="0", aria-label), so that no table makes the page
    wider than a phone's screen.  Tables made by ``helpers.tables`` come wrapped already; the
    theme's own wrapper of Sphinx tables gets the attributes."""
    from helpers.tables import scroll_area

    body = context.get("body")
    if not body or "<table" not in body:
        return

    def wrap(m: re.Match) -> str:
        table = m.group(0)[len(m.group(1) or ""):]
        if "<table" in table[6:] or _WRAPPED.search(body[max(0, m.start() - 300):m.start()]):
            return m.group(0)  # nested tables are left alone; a wrapped one keeps its wrapper
        label = _table_label(table)
        if m.group(1):
            import html

            return (f'<div class="pst-scrollable-table-container" role="region" tabindex="0" '
                    f'aria-label="{html.escape(label, quote=True)}">{table}')
        return scroll_area(table, label)

    context["body"] = _TABLE.sub(wrap, body)


# ---------------------------------------------------------------------------
# Exercises are numbered by chapter: "Exercise 3.2", as in the instructors' guide
# ---------------------------------------------------------------------------
_CHAPTER_DOC = re.compile(r"^chapters/(\d+)_")


def chapter_number(docname: str) -> int | None:
    """3 for ``chapters/03_dushanbe_2008``; None for a page that is not a chapter."""
    m = _CHAPTER_DOC.match(docname)
    return int(m.group(1)) if m else None


def number_exercises_by_chapter(app: Sphinx, env) -> list[str]:
    """sphinx-exercise numbers exercises across the whole book (12, 13...); number them in
    each chapter instead, as (chapter, n) in the page's order, which renders "Exercise 3.2"
    (tools/guide.py numbers the instructors' guide the same way)."""
    for docname, numbers in env.toc_fignumbers.items():
        chapter, found = chapter_number(docname), numbers.get("exercise")
        if chapter is None or not found:
            continue
        order = sorted(found, key=lambda ident: found[ident])
        numbers["exercise"] = {ident: (chapter, n) for n, ident in enumerate(order, 1)}
    return []


# ---------------------------------------------------------------------------
# Learning objectives look the same in every chapter
# ---------------------------------------------------------------------------
OBJECTIVES = "Learning objectives"


def objectives_box(app: Sphinx, doctree) -> None:
    """A chapter opens with its learning objectives either as an admonition titled "Learning
    objectives" or as a paragraph starting with a bold "**Learning objectives.**" followed by
    a list; both are rendered as the same box (class ``sco-objectives``, styled in book.css)."""
    from docutils import nodes

    for para in list(doctree.findall(nodes.paragraph)):
        while para.children and isinstance(para[0], nodes.Text) and not para[0].astext().strip():
            para.remove(para[0])  # MyST leaves an empty text before a bold start
        if not (para.children and isinstance(para[0], nodes.strong)
                and para[0].astext().strip().rstrip(".:") == OBJECTIVES):
            continue
        items = para.next_node(descend=False, siblings=True)
        if not isinstance(items, (nodes.enumerated_list, nodes.bullet_list)):
            continue
        box = nodes.admonition(classes=["note", "sco-objectives"])
        box += nodes.title("", OBJECTIVES)
        rest = para.deepcopy()
        rest.remove(rest[0])
        if rest.children and isinstance(rest[0], nodes.Text):
            rest.replace(rest[0], nodes.Text(rest[0].astext().lstrip()))
        if rest.astext().strip():
            box += rest
        items.parent.remove(items)
        box += items
        para.replace_self(box)
    for box in doctree.findall(nodes.admonition):
        if box.children and isinstance(box[0], nodes.title) and box[0].astext().strip() == OBJECTIVES:
            if "sco-objectives" not in box["classes"]:
                box["classes"].append("sco-objectives")


# ---------------------------------------------------------------------------
# Maps: each in its own file, loaded when the reader scrolls near it
# ---------------------------------------------------------------------------
#: Where the maps' documents are written, under the book's output folder.
MAPS = "_static/maps"
_MAP_FRAME = re.compile(r'<iframe class="sco-map-frame"([^>]*?) srcdoc="([^"]*)"([^>]*)>')


def map_documents(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A map of ``helpers.maps.show`` comes as an iframe holding its whole document (Leaflet's
    shapes and outlines: 40-120 KB) in ``srcdoc``.  In the built book each map's document is
    written to its own file under ``_static/maps/`` (named by its content) and the iframe
    loads it from there with ``loading="lazy"``: the page's HTML is smaller, so its text
    arrives and paints sooner, and a map the reader has not scrolled near loads neither its
    document nor Leaflet (a browser does not lazy-load an iframe that has ``srcdoc``).
    The map's caption and text alternative stay in the page."""
    import hashlib
    import html

    body = context.get("body")
    if not body or 'class="sco-map-frame"' not in body:
        return
    folder = Path(app.outdir) / MAPS

    def to_file(m: re.Match) -> str:
        doc = html.unescape(m.group(2)).replace(VENDOR_MARK, "../vendor")  # relative to _static/maps/
        name = hashlib.sha256(doc.encode("utf-8")).hexdigest()[:16] + ".html"
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / name).is_file():
            (folder / name).write_text(doc, encoding="utf-8")
        src = context["pathto"](f"{MAPS}/{name}", 1)
        return f'<iframe class="sco-map-frame"{m.group(1)} src="{src}" loading="lazy"{m.group(3)}>'

    context["body"] = _MAP_FRAME.sub(to_file, body)


_LAZY_MAP = re.compile(r'<iframe class="sco-map-frame"([^>]*?) src="([^"]*)"([^>]*)></iframe>')


def maps_wait_for_the_reader(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A browser starts an iframe with ``loading="lazy"`` long before the reader reaches it
    (Chromium: within 1,250-2,500 px of the screen), so a map in a chapter's first screens
    loaded Leaflet and drew itself while the text was still being laid out (200-1,100 ms of
    main thread on a phone).  Here the map's frame names its document in ``data-src``;
    ``_static/sco-maps.js`` sets ``src`` when the reader comes within half a screen of the
    map (or prints the page).  Without script, a copy of the frame with ``src`` in
    ``<noscript>`` loads as before."""
    body = context.get("body")
    if not body or 'class="sco-map-frame"' not in body:
        return
    context["body"] = _LAZY_MAP.sub(
        lambda m: (f'<iframe class="sco-map-frame"{m.group(1)} data-src="{m.group(2)}"{m.group(3)}></iframe>'
                   f"<noscript>{m.group(0)}</noscript>"), body)


_MAP_FILE = re.compile(r"_static/maps/([0-9a-f]{16}\.html)")


def remove_stale_maps(html_dir: Path) -> list[Path]:
    """Remove the map documents of ``_static/maps/``, the widget states of ``_static/widgets/`` and
    the quiz code of ``_static/quiz/`` that no page uses (left by earlier builds, whose maps or widgets have changed since): the
    folders hold exactly the files the pages load.  Returns the files removed."""
    stale = []
    for where, pattern, suffix in ((MAPS, _MAP_FILE, "html"), (WIDGETS, _STATE_FILE, "js"), (QUIZZES, _QUIZ_FILE, "js")):
        folder = Path(html_dir) / where
        if not folder.is_dir():
            continue
        used: set[str] = set()
        for page in Path(html_dir).rglob("*.html"):
            if folder not in page.parents:
                used |= set(pattern.findall(page.read_text(encoding="utf-8", errors="replace")))
        stale += [p for p in sorted(folder.glob(f"*.{suffix}"))
                  if re.fullmatch(r"[0-9a-f]{16}\." + suffix, p.name) and p.name not in used]
    for path in stale:
        path.unlink()
    return stale


def remove_stale_map_documents(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        remove_stale_maps(Path(app.outdir))


def fix_vendor_paths(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Point the maps of a page at the served Leaflet, relative to that page."""
    body = context.get("body")
    if body and VENDOR_MARK in body:
        context["body"] = body.replace(VENDOR_MARK, context["pathto"](VENDOR, 1))


def notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Offer a text notebook's ``.ipynb`` in the page's download menu, as a chapter's always was.

    The chapters are MyST Markdown notebooks (``tools.notebooks``); a reader who downloads one
    gets the notebook converted from it, with its code and without outputs, beside the ``.md``.
    Runs before the theme's header buttons (priority 501), which list ``ipynb_source``."""
    from tools import notebooks as nbfiles

    if not pagename or doctree is None or not context.get("sourcename", "").endswith(".md"):
        return
    source = Path(app.env.doc2path(pagename))
    if not nbfiles.is_notebook(source):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    from tools.editions import edition, public_notebook

    nb = nbfiles.read(source)
    nbfiles.write_ipynb(public_notebook(nb) if edition() == "public" else nb, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


# ---------------------------------------------------------------------------
# Two editions from one source (tools/editions.py): the public book leaves out the cells
# tagged ``assessed``; the instructors' edition keeps them, prints them and offers the LMS files
# ---------------------------------------------------------------------------
#: The quizzes exported for an LMS (tools/lms.py), offered by the instructors' edition only.
LMS_DIR = "_build/lms"
LMS_FILES = ("sco-quizzes-moodle.xml", "sco-quizzes-qti.zip")
#: The instructors' edition's own stylesheet (written at the end of its build).
EDITION_CSS = "sco-instructors.css"
EDITION_CSS_TEXT = """/* The instructors' edition (tools/sphinx_ext.py): its answers print, opened. */
.sco-edition-banner { border: 2px solid #8a3b00; background: #fdeee4; padding: .4rem .7rem; margin: 0 0 1rem; }
@media print {
  html body div.solution, html body div.solution .toggle-hidden, html body div.solution section { display: block !important; }
  html body div.solution.toggle-hidden .admonition-title ~ * { height: auto !important; opacity: 1 !important; visibility: visible !important; margin: .4rem 0 !important; }
  div.solution { break-inside: auto; }
}
"""
EDITION_BANNER = ('<p class="sco-edition-banner"><strong>Instructors\' edition.</strong> This edition holds the model '
                  "answers, the quiz key and the LMS exports. Do not publish it where students can read it; "
                  "the public book (<code>make book</code>) leaves them out.</p>")


def edition_config(app: Sphinx, config) -> None:
    from tools.editions import edition

    if edition() != "instructors":
        return
    config.html_title = f"{config.html_title or config.project} (instructors' edition)"
    # its own output folder, but the notebooks' outputs from the public build's cache
    if not getattr(config, "nb_execution_cache_path", ""):
        config.nb_execution_cache_path = str(Path(app.srcdir) / "_build" / ".jupyter_cache")


def drop_assessed(app: Sphinx, docname: str, source: list[str]) -> None:
    """The public book reads every notebook without its cells tagged ``assessed``."""
    from tools.editions import edition, public_text

    if edition() == "public" and source and source[0].startswith("---") and "format_name: myst" in source[0][:600]:
        source[0] = public_text(source[0])


def edition_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The instructors' edition says so at the top of every page."""
    from tools.editions import edition

    if edition() == "instructors" and context.get("body"):
        context["body"] = EDITION_BANNER + context["body"]


def finish_edition(app: Sphinx, exception: Exception | None) -> None:
    """Public: the page sources offered for download lose their assessed cells too.
    Instructors: the LMS files and the edition's stylesheet are copied in."""
    from tools import notebooks as nbfiles
    from tools.editions import edition, public_text

    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if edition() == "public":
        for copy in (outdir / "_sources").rglob("*.md") if (outdir / "_sources").is_dir() else []:
            if nbfiles.is_notebook(copy):
                copy.write_text(public_text(copy.read_text(encoding="utf-8")), encoding="utf-8")
        return
    (outdir / "_static" / EDITION_CSS).write_text(EDITION_CSS_TEXT, encoding="utf-8")
    dest = outdir / "lms"
    dest.mkdir(exist_ok=True)
    for name in LMS_FILES:
        src = Path(app.srcdir) / LMS_DIR / name
        if not src.is_file():
            raise ExtensionError(f"{src} is missing: the instructors' edition offers it; run 'make lms' "
                                 "(make instructors does it for you).")
        shutil.copyfile(src, dest / name)


def setup(app: Sphinx) -> dict:
    # read by helpers.maps in the kernels that execute the notebooks (they inherit it)
    os.environ["SCO_VENDOR_URL"] = VENDOR_MARK
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", map_documents)  # before fix_vendor_paths: a map file has its own path
    app.connect("html-page-context", fix_vendor_paths)
    app.connect("html-page-context", maps_wait_for_the_reader, priority=600)  # after map_documents
    app.connect("config-inited", apply_launch_options)
    # after Sphinx turns html_js_files into (name, attributes) (priority 800)
    app.connect("config-inited", one_copy_of_each_script, priority=900)
    # after myst-nb adds the page's widget scripts (priority 500)
    app.connect("html-page-context", late_widget_assets, priority=900)
    app.connect("html-page-context", quizzes_wait_for_the_reader)
    app.connect("html-page-context", check_classpack_link)
    app.connect("html-page-context", notebook_download, priority=450)
    app.connect("html-page-context", scroll_tables)
    app.connect("doctree-read", objectives_box)
    # after Sphinx has numbered the figures (TocTreeCollector, priority 500)
    app.connect("env-get-updated", number_exercises_by_chapter, priority=900)
    app.connect("builder-inited", check_assets)
    app.connect("builder-inited", add_template_filter)
    app.connect("build-finished", copy_assets)
    app.connect("build-finished", copy_classpack)
    app.connect("build-finished", write_icons_css)
    app.connect("build-finished", remove_stale_map_documents)
    # templates/layout.html drops the theme's Font Awesome script; sco-icons.css draws its icons
    app.config.templates_path.append(str(Path(__file__).parent / "templates"))
    app.add_css_file(ICONS_CSS)
    # the editions (tools/editions.py)
    from tools.editions import edition

    app.connect("config-inited", edition_config)
    app.connect("source-read", drop_assessed)
    app.connect("html-page-context", edition_page)
    app.connect("build-finished", finish_edition)
    if edition() == "instructors":
        app.add_css_file(EDITION_CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
