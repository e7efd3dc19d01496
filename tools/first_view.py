"""The first view of every Jupyter widget of a page as plain HTML, and widget headings that follow the page's.

A widget of the built book is drawn by the widget manager (``embed.js``, 447 KB gzip) from the
page's widget state.  Here, at build time, the same state gives each widget's first view as
plain HTML (the panes the widget opens on, its dropdowns with their choice, its toggle
buttons), written where the widget will be drawn: the text and the first view of every widget
need no script, and the manager can wait until the reader comes near a widget or touches one
(``tools/sphinx_ext.py``, :func:`tools.sphinx_ext.late_widget_assets`, replaces the first view
with the live widget once the manager has drawn it).

The panes' own headings (``<h4>`` in ``helpers.widgets``) are shifted so that the highest
one sits one level below the page's heading that comes before the widget: heading levels never
skip, wherever a chapter shows a widget.  The shift is made in the widget state too, so that the
live widget has the same headings as its first view.
"""

from __future__ import annotations

import html
import re
from typing import Any

#: The widget models a first view can be drawn for; a page with another kind fails the build.
BOXES = {"VBoxModel": "widget-vbox", "HBoxModel": "widget-hbox", "BoxModel": ""}
DRAWN = set(BOXES) | {"StackModel", "HTMLModel", "DropdownModel", "ToggleButtonsModel", "LabelModel"}
#: Models that draw nothing (links between widgets, layouts; styles, "...StyleModel", read by the others).
SILENT = {"LinkModel", "DirectionalLinkModel", "LayoutModel"}
#: The layout traits that become CSS, as ipywidgets' LayoutView sets them.
LAYOUT_CSS = ("width", "height", "max_width", "min_width", "max_height", "min_height", "flex", "flex_flow",
              "align_items", "align_content", "align_self", "justify_content", "margin", "padding", "border",
              "display", "overflow", "order", "visibility")
_REF = "IPY_MODEL_"
_HEADING = re.compile(r"<(/?)h([1-6])\b", re.I)


class FirstViewError(ValueError):
    """A widget the first view cannot draw (a model kind it does not know)."""


def _ref(value: Any) -> str | None:
    return value[len(_REF):] if isinstance(value, str) and value.startswith(_REF) else None


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _style(models: dict, state: dict) -> str:
    layout = models.get(_ref(state.get("layout")) or "", {}).get("state", {})
    decls = [f"{key.replace('_', '-')}: {layout[key]}" for key in LAYOUT_CSS
             if isinstance(layout.get(key), str) and layout[key] and not re.search(r"[;{}<>\"]", layout[key])]
    return f' style="{_esc("; ".join(decls))}"' if decls else ""


def _classes(*names: str, state: dict) -> str:
    extra = [c for c in state.get("_dom_classes") or [] if re.fullmatch(r"[\w-]+", str(c))]
    return " ".join([n for n in names if n] + extra)


def _label(models: dict, state: dict, for_id: str | None = None) -> str:
    text = state.get("description") or ""
    if not text:
        return ""
    width = models.get(_ref(state.get("style")) or "", {}).get("state", {}).get("description_width") or ""
    style = f' style="width: {_esc(width)}"' if width and re.fullmatch(r"[\w.%-]+", width) else ""
    target = f' for="{_esc(for_id)}"' if for_id else ""
    return f'<label class="widget-label"{target}{style}>{_esc(text)}</label>'


def walk(models: dict, model_id: str) -> list[str]:
    """The ids of ``model_id`` and every model it shows (children, panes), depth first."""
    seen, order, todo = set(), [], [model_id]
    while todo:
        mid = todo.pop()
        if mid in seen or mid not in models:
            continue
        seen.add(mid)
        order.append(mid)
        todo.extend(reversed([c for c in (_ref(v) for v in models[mid]["state"].get("children") or []) if c]))
    return order


def render(models: dict, model_id: str, where: str = "") -> str:
    """The first view of widget ``model_id`` (as the live widget opens) as plain HTML."""
    model = models.get(model_id)
    if model is None:
        raise FirstViewError(f"{where}: the widget state has no model {model_id}")
    name, state = model["model_name"], model["state"]
    if name not in DRAWN:
        raise FirstViewError(f"{where}: no first view for a {name} widget (tools/first_view.py draws "
                             f"{', '.join(sorted(DRAWN))}); add one there")
    style = _style(models, state)
    children = [c for c in (_ref(v) for v in state.get("children") or []) if c]
    if name in BOXES:
        inner = "".join(render(models, c, where) for c in children)
        return f'<div class="{_classes("widget-container widget-box", BOXES[name], state=state)}"{style}>{inner}</div>'
    if name == "StackModel":
        index = state.get("selected_index")
        inner = render(models, children[index], where) if isinstance(index, int) and 0 <= index < len(children) else ""
        return f'<div class="{_classes("widget-container widget-box", state=state)}"{style}>{inner}</div>'
    if name == "HTMLModel":
        return (f'<div class="{_classes("widget-inline-hbox widget-html", state=state)}"{style}>{_label(models, state)}'
                f'<div class="widget-html-content">{state.get("value") or ""}</div></div>')
    if name == "LabelModel":
        return f'<div class="{_classes("widget-label-basic", state=state)}"{style}><label>{_esc(state.get("value"))}</label></div>'
    labels = state.get("_options_labels") or []
    index = state.get("index")
    if name == "DropdownModel":
        ident = f"sco-first-{model_id}"
        options = "".join(f'<option value="{_esc(label)}"{" selected" if i == index else ""}>{_esc(label)}</option>'
                          for i, label in enumerate(labels))
        return (f'<div class="{_classes("widget-inline-hbox widget-dropdown", state=state)}"{style}>'
                f'{_label(models, state, ident)}<select id="{ident}">{options}</select></div>')
    # ToggleButtonsModel
    width = models.get(_ref(state.get("style")) or "", {}).get("state", {}).get("button_width") or ""
    bstyle = f' style="width: {_esc(width)}"' if width and re.fullmatch(r"[\w.%-]+", width) else ""
    buttons = "".join(f'<button type="button" class="widget-toggle-button jupyter-button{" mod-active" if i == index else ""}"'
                      f'{bstyle}>{_esc(label)}</button>' for i, label in enumerate(labels))
    return (f'<div class="{_classes("widget-toggle-buttons", state=state)}"{style}>'
            f'{_label(models, state)}<div>{buttons}</div></div>')


def check_kinds(models: dict, where: str = "") -> None:
    """Every model of a page's state is one a first view draws or one that draws nothing."""
    for mid, model in models.items():
        name = model["model_name"]
        if name not in DRAWN | SILENT and not name.endswith("StyleModel"):
            raise FirstViewError(f"{where}: no first view for a {name} widget ({mid}); "
                                 "tools/first_view.py must learn to draw it")


def heading_levels(text: str) -> list[int]:
    return [int(m.group(2)) for m in _HEADING.finditer(text) if not m.group(1)]


def shift_headings(text: str, shift: int) -> str:
    if not shift:
        return text
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, max(1, int(m.group(2)) + shift))}", text)


def fit_headings(models: dict, model_id: str, page_level: int) -> None:
    """Shift the headings of the panes of widget ``model_id`` (in place, in the state) so that the
    highest sits at ``page_level + 1``: the level below the page's heading before the widget."""
    panes = [models[m] for m in walk(models, model_id) if models[m]["model_name"] == "HTMLModel"]
    levels = [lv for p in panes for lv in heading_levels(p["state"].get("value") or "")]
    if not levels:
        return
    shift = (page_level + 1) - min(levels)
    for pane in panes:
        if not pane.get("_sco_shifted"):
            pane["state"]["value"] = shift_headings(pane["state"].get("value") or "", shift)
            pane["_sco_shifted"] = True


def clean(models: dict) -> None:
    for model in models.values():
        model.pop("_sco_shifted", None)
