"""Widgets: a first view in plain HTML; the manager loaded when the reader comes near.

The first view of each widget is drawn at build time by ``tools/first_view.py``; the loader of
the widget manager is ``tools/widget_loader.js``.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_MANAGER = "html-manager/embed.js"
_WIDGET_VIEW = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S)
_PAGE_HEADING = re.compile(r"<h([1-6])\b")
#: The loader of the widget manager, inlined in each page with widgets (tools/widget_loader.js).
WIDGET_LOADER = Path(__file__).resolve().parent.parent / "widget_loader.js"


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
    * the state moves to the end of the page's body (``embed.js`` finds it anywhere), its
      panes' headings shifted to follow the page's;
    * the manager is not fetched with the page: a small inline loader
      (``tools/widget_loader.js``) fetches it when the reader scrolls near a widget or touches
      one, and puts the live widget in place of its first view once drawn."""
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
    body = context["body"]
    tail = []
    for state in states:
        body = first_views(body, state, pagename)
        tail.append(f'<script type="{WIDGET_STATE}">{_state_json(state)}</script>')
    loader = WIDGET_LOADER.read_text(encoding="utf-8").replace("__SCO_MANAGER__", manager)
    tail.append(f"<script>{loader}</script>")
    context["script_files"] = keep
    context["body"] = body + "\n" + "\n".join(tail) + "\n"


def setup(app: Sphinx) -> None:
    # after myst-nb adds the page's widget scripts (priority 500)
    app.connect("html-page-context", late_widget_assets, priority=900)
