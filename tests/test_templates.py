"""The helpers' HTML comes from templates (helpers/templates/, Jinja2 with auto-escaping), not
from strings joined by hand: no value is escaped by hand, none reaches a page unescaped, and
``|safe`` marks only HTML that a helper built itself from a template."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import data, panes, widgets

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
TEMPLATES = HELPERS / "templates"

#: The modules whose HTML comes from templates (issue 19); the others follow as they are converted.
TEMPLATED = (
    "widgets", "panes", "timeline", "scorecard", "scorecard_tables", "tables", "lab", "un_votes", "vote_findings",
    "declaration_themes", "maps", "map_figure", "map_tables", "leaflet", "forecasts",
)
#: Values a template writes as they are that are not HTML: Leaflet's own stylesheet and script.
VERBATIM_CODE = {"leaflet_inline.html": {"leaflet_css", "leaflet_js"}}


def _hand_made_html(source: str) -> list[str]:
    """The lines of a module that build HTML by hand: an f-string starting with a tag, or an escape call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant) \
                and str(node.values[0].value).lstrip().startswith("<"):
            found.append(f"line {node.lineno}: an f-string of HTML")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "escape" \
                and not (isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", None) == "re"):
            found.append(f"line {node.lineno}: an escape call")
    return found


def test_the_hand_made_html_check_finds_what_it_looks_for():
    source = 'import html\nx = f"<p>{html.escape(v)}</p>"\ny = re.escape(t)\nz = f"{a}<b>"\n'
    assert _hand_made_html(source) == ["line 2: an f-string of HTML", "line 2: an escape call"]


@pytest.mark.parametrize("module", TEMPLATED)
def test_a_templated_module_builds_no_html_by_hand(module):
    assert _hand_made_html((HELPERS / f"{module}.py").read_text(encoding="utf-8")) == []


def test_safe_marks_only_html_a_helper_built():
    for path in sorted(TEMPLATES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"\{\{\s*([\w.]+)\s*\|\s*safe\b", text):
            assert name.endswith("_html") or name in VERBATIM_CODE.get(path.name, ()), f"{path.name}: {name}|safe"


def test_every_template_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in HELPERS.glob("*.py"))
    imported = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    for path in TEMPLATES.glob("*.html"):
        assert f'"{path.name}"' in code or f'"{path.name}"' in imported, f"{path.name} is never rendered"


def test_a_citation_links_only_to_a_web_address(monkeypatch):
    """Even a source table that skipped validation cannot put a javascript: link on a page."""
    monkeypatch.setattr(data, "source_url", lambda source_id: "javascript:alert(1)")
    assert "href" not in widgets.cite_html("goodenough2008", "L8")
    assert "javascript:" not in widgets.declaration_html("2008-dushanbe")
    monkeypatch.setattr(data, "source_url", lambda source_id: "https://example.org/a?b=1&c=2")
    assert widgets.cite_html("goodenough2008").startswith('<a href="https://example.org/a?b=1&amp;c=2" rel=')


def test_a_pane_and_its_marks_escape_the_data():
    assert panes.highlight("<b>sovereignty</b>") == "&lt;b&gt;<mark>sovereignty</mark>&lt;/b&gt;"
    with pytest.raises(TypeError, match="terms must be a list"):
        panes.highlight("text", "peace")
