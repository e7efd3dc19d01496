"""Widgets: a first view in plain HTML; the manager loaded when the reader comes near.

The first view of each widget is drawn at build time by ``tools/first_view.py``; the loader of
the widget manager is ``tools/widget_loader.js``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from tools.sphinx_ext.files import WIDGETS, write_by_content

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_MANAGER = "html-manager/embed.js"
_WIDGET_VIEW = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S)
_PAGE_HEADING = re.compile(r"<h([1-6])\b")
#: The loader of the widget manager, inlined in each page with widgets (tools/widget_loader.js).
WIDGET_LOADER = Path(__file__).resolve().parent.parent / "widget_loader.js"


def _state_json(state: dict[str, Any]) -> str:
    import json

    return json.dumps(state, ensure_ascii=False).replace("</", "<\\/")


def first_views(body: str, state: dict[str, Any], where: str = "") -> str:
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


def late_widget_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
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
    keep: list[Any] = []  # Sphinx's script entries (a private class of sphinx.builders.html)
    states: list[dict[str, Any]] = []
    manager: str | None = None
    for js in scripts:
        attrs = getattr(js, "attributes", None) or {}
        name = str(getattr(js, "filename", "") or "")
        if attrs.get("type") == WIDGET_STATE:
            states.append(json.loads(attrs.get("body") or "{}"))
        elif name.endswith(WIDGET_MANAGER):
            tag = context["js_tag"](js)
            found = re.search(r'src="([^"]+)"', tag)
            if found is None:
                raise ExtensionError(f"{pagename}: the script tag of {WIDGET_MANAGER} has no src: {tag[:200]}")
            manager = found.group(1)
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


def state_script(states: list[str], pagename: str = "") -> str:
    """A script that puts each widget state (JSON text) in the page as the script element
    ``embed.js`` reads (``type="application/vnd.jupyter.widget-state+json"``).  The JSON goes in
    as a string literal, parsed by the browser's JSON parser when the manager reads it."""
    import json

    literals = ",\n".join(json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                          .replace("</", "<\\/") for text in states)
    return (f"/* The widget state of {pagename or 'a page'} (tools/sphinx_ext/widgets.py, late_widget_assets), "
            "loaded by tools/widget_loader.js before the widget manager. */\n"
            "(function () {\n  [" + literals + "].forEach(function (text) {\n"
            "    var s = document.createElement(\"script\");\n"
            f"    s.type = \"{WIDGET_STATE}\";\n"
            "    s.textContent = text;\n    document.body.appendChild(s);\n  });\n})();\n")


def write_state_script(html_dir: Path, states: list[str], pagename: str = "") -> str:
    """Write :func:`state_script` under ``_static/widgets/`` of ``html_dir``, named by its content
    (:func:`.files.write_by_content`); return its file name."""
    return write_by_content(Path(html_dir) / WIDGETS, state_script(states, pagename), "js")


def setup(app: Sphinx) -> None:
    # after myst-nb adds the page's widget scripts (priority 500)
    app.connect("html-page-context", late_widget_assets, priority=900)
