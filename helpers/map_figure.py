"""A map of the book as a figure: the folium map and its layers, the same facts as a table, and how it is shown.

Part of :mod:`helpers.maps` (a chapter imports that). A map function of :mod:`helpers.maps`
builds its payload (shapes by status, markers, links, legend) and calls :func:`new_map`; the
page draws the payload with plain Leaflet (``helpers/static/map_layers.js``), every string from
the data as a DOM text node, never as HTML. :func:`show` puts the map's document in a frame
with a caption and, beside it, its table as a text alternative
(``helpers/templates/map_figure.html``), so that a reader who cannot see the map loses nothing.

There are no map tiles: the shapes, markers and legend are the map.  No jQuery, Bootstrap or
Font Awesome is loaded.  Colours follow the Okabe–Ito palette, designed to stay distinct under
colour-blindness, and every status also has its own border pattern, so colour is never the only cue.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from helpers import data, paths, tables
from helpers.leaflet import asset_base, inline_leaflet, leaflet_dir, leaflet_source
from helpers.templating import render

#: The largest a map's document may be (tests/test_maps.py checks every map).
MAX_HTML_BYTES = 300_000

#: Okabe–Ito colours, plus a border pattern per category: colour is never the only cue.
STYLES: dict[str, dict[str, Any]] = {
    "founding member": {"fillColor": "#0072B2", "color": "#003A5C", "weight": 2.5, "dashArray": None, "fillOpacity": 0.75},
    "member": {"fillColor": "#009E73", "color": "#004D38", "weight": 2, "dashArray": "1 0", "fillOpacity": 0.7},
    "observer": {"fillColor": "#E69F00", "color": "#6B4A00", "weight": 2, "dashArray": "6 4", "fillOpacity": 0.6},
    "dialogue partner": {"fillColor": "#CC79A7", "color": "#5E2E4B", "weight": 1.5, "dashArray": "2 3", "fillOpacity": 0.5},
    "context": {"fillColor": "#BBBBBB", "color": "#555555", "weight": 1, "dashArray": "1 0", "fillOpacity": 0.35},
    "city": {"fillColor": "#0072B2", "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.85},
    "summit": {"fillColor": "#000000", "color": "#FFFFFF", "weight": 2, "fillOpacity": 0.9},
    "fear": {"fillColor": "#D55E00", "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.9},
    "fear-link": {"color": "#D55E00", "weight": 2, "dashArray": "4 4", "opacity": 0.8},
    "conflict site": {"fillColor": "#D55E00", "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.9},
    "contested region": {"fillColor": "#CC79A7", "color": "#FFFFFF", "weight": 1.5, "fillOpacity": 0.9},
}


@lru_cache(maxsize=1)
def _geometry() -> dict:
    path = data.DATA_DIR / "geo" / "states.geojson"
    return json.loads(path.read_text(encoding="utf-8"))


def geometry_for(iso3s: Iterable[str]) -> dict:
    """The outlines of some states, from ``data/geo/states.geojson``.

    Parameters
    ----------
    iso3s : iterable of str
        The states' ISO 3166-1 alpha-3 codes.

    Returns
    -------
    dict
        A GeoJSON ``FeatureCollection`` of their outlines.

    Examples
    --------
    >>> [f["properties"]["iso3"] for f in geometry_for(["KAZ"])["features"]]
    ['KAZ']
    """
    wanted = set(iso3s)
    geo = _geometry()
    return {"type": "FeatureCollection", "features": [f for f in geo["features"] if f["properties"]["iso3"] in wanted]}


@lru_cache(maxsize=1)
def _layers_script() -> str:
    """The maps' own JavaScript (``helpers/static/map_layers.js``), read once."""
    return (paths.PACKAGE_DIR / "static" / "map_layers.js").read_text(encoding="utf-8")


class _Layers(MacroElement):
    """Draws the payload (shapes by status, markers, links, legend) with plain Leaflet.

    Every string from the data reaches the page as a DOM text node, never as HTML.
    With more than one stage, each stage is a base layer and a layer control lets
    the reader switch between them, in the static page with no kernel.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.script }}
(function () {
  var map = {{ this._parent.get_name() }};
  var d = {{ this.payload | tojson }};
  scoDrawLayers(map, d);
})();
{% endmacro %}
"""
    )

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "ScoLayers"
        self.payload = payload
        self.script = _layers_script()


class _Html(Element):
    """HTML for a map's head, written as it is (branca would read a string it is given as a template)."""

    def __init__(self, html: str):
        super().__init__()
        self.html = html

    def render(self, **kwargs: Any) -> str:
        return self.html


@dataclass
class MapFigure:
    """What every map function returns: the folium map, its title, its table, and the payload the page draws.

    The table holds the same facts as the map: it is the text alternative beside it.
    Show the figure with :func:`show`, which adds a caption.
    """

    map: folium.Map
    title: str
    table: pd.DataFrame
    payload: dict

    def _repr_html_(self) -> str:
        return show(self, self.title)._repr_html_()


def new_map(location: list[float], zoom: int, title: str, payload: dict) -> tuple[folium.Map, dict]:
    """A folium map with no tiles, Leaflet from :func:`~helpers.leaflet.leaflet_source`, and the payload drawn.

    Parameters
    ----------
    location : list of float
        The centre, ``[lat, lon]``.
    zoom : int
        The first zoom level.
    title : str
        The map's title (its document's ``<title>``).
    payload : dict
        ``stages`` (each with ``label`` and ``shapes``, ``markers``, ``lines``), ``geometry``,
        ``legend`` and ``legendPosition``.

    Returns
    -------
    tuple of (folium.Map, dict)
        The map, and the map's own copy of the payload with :data:`STYLES` and the title added
        and the legend cut to what the map draws.

    Examples
    --------
    >>> m, payload = new_map([45, 80], 3, "Astana", {"stages": [{"label": "one", "markers": [
    ...     {"lat": 51.2, "lon": 71.4, "radius": 5, "style": "city", "label": "Astana", "popup": {"title": "Astana", "lines": []}}]}],
    ...     "legend": [{"label": "city", "style": "city", "kind": "point"}, {"label": "fear", "style": "fear", "kind": "point"}]})
    >>> [item["label"] for item in payload["legend"]]
    ['city']
    """
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True, min_zoom=2)
    root = cast(Figure, m.get_root())  # a folium map's root is a branca Figure, with a header
    if leaflet_source() == "inline":
        m.default_js, m.default_css = [], []
        root.header.add_child(_Html(inline_leaflet(str(leaflet_dir()))), name="leaflet_inline")
    else:
        base = asset_base()
        m.default_js = [("leaflet", f"{base}/leaflet.js")]
        m.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    root.header.add_child(_Html(render("map_style.html")), name="sco_css")
    root.header.add_child(_Html(render("map_title.html", title=title)), name="sco_title")
    # the map's own copy: editing one map's payload (its styles, its outlines) changes no other map
    payload = copy.deepcopy({"title": title, "styles": STYLES, **payload})
    payload.setdefault("geometry", {"type": "FeatureCollection", "features": []})
    payload["legend"] = [item for item in payload.get("legend", []) if item["style"] in drawn_styles(payload)]
    _Layers(payload).add_to(m)
    return m, payload


def drawn_styles(payload: dict) -> set[str]:
    """The styles of everything a map draws, in any of its stages: its legend lists only these.

    Parameters
    ----------
    payload : dict
        A map's payload (see :func:`new_map`).

    Returns
    -------
    set of str
        Keys of :data:`STYLES`.

    Examples
    --------
    >>> sorted(drawn_styles({"stages": [{"shapes": {"KAZ": {"style": "member"}}, "markers": [{"style": "city"}]}]}))
    ['city', 'member']
    """
    styles = set()
    for stage in payload.get("stages", []):
        styles |= {shape["style"] for shape in stage.get("shapes", {}).values()}
        styles |= {item["style"] for item in stage.get("markers", []) + stage.get("lines", [])}
    return styles


def map_html(fig: MapFigure) -> str:
    """The complete HTML document of a map (what the frame of :func:`show` holds).

    Parameters
    ----------
    fig : MapFigure
        A map made by :mod:`helpers.maps`.

    Returns
    -------
    str
        The document.

    Raises
    ------
    TypeError
        If ``fig`` is not a :class:`MapFigure`.

    Examples
    --------
    >>> from helpers import maps
    >>> map_html(maps.fears_map())
    '<!DOCTYPE html>...<title>What the members fear: separatism and borders</title>...</html>...'
    """
    _expect_figure(fig, "map_html")
    return fig.map.get_root().render()


def _expect_figure(fig: Any, caller: str) -> None:
    if not isinstance(fig, MapFigure):
        raise TypeError(
            f"{caller}() takes a map made by helpers.maps (membership_map(), meetings_map(), fears_map() "
            f"or conflict_map()), got {type(fig).__name__} {data.shown(fig)}"
        )


class ShownMap:
    """A map in a frame, its caption, and its text alternative: what :func:`show` displays.

    Parameters
    ----------
    fig : MapFigure
        The map.
    caption : str
        What the map shows and where its facts come from.
    height : int, optional
        The frame's height in pixels.
    """

    def __init__(self, fig: MapFigure, caption: str, height: int = 460):
        self.figure, self.caption, self.height = fig, caption, height

    def _repr_html_(self) -> str:
        return render(
            "map_figure.html",
            title=self.figure.title,
            document=map_html(self.figure),
            height=int(self.height),
            caption=self.caption,
            table_html=tables.table_html(self.figure.table, index=False, label=f"The facts of the map: {self.figure.title}"),
        )


def show(fig: MapFigure, caption: str, height: int = 460) -> ShownMap:
    """Display a map with its caption and its text alternative (use as a cell's last line).

    Parameters
    ----------
    fig : MapFigure
        A map made by :mod:`helpers.maps`.
    caption : str
        What the map shows and where its facts come from (not blank).
    height : int, optional
        The frame's height in pixels, from 150 to 2000.

    Returns
    -------
    ShownMap
        Displayed in a notebook as a ``<figure class="sco-map">``.

    Raises
    ------
    TypeError
        If ``fig`` is not a map of :mod:`helpers.maps` or ``caption`` is not text.
    ValueError
        If ``caption`` is blank or ``height`` is out of range.

    Examples
    --------
    >>> from helpers import maps
    >>> show(maps.fears_map(), "What the members fear (sources in the table)")._repr_html_()
    '<figure class="sco-map"><iframe class="sco-map-frame" title="Map: What the members fear: separatism and borders" srcdoc=...'
    """
    _expect_figure(fig, "show")
    if not isinstance(caption, str):
        raise TypeError(f"caption must be text (a string), got {type(caption).__name__} {data.shown(caption)}")
    if not caption.strip():
        raise ValueError(f"caption must say what the map shows and where its facts come from, got {data.shown(caption)}")
    if isinstance(height, bool) or not isinstance(height, (int, np.integer)) or not 150 <= height <= 2000:
        raise ValueError(f"height must be a whole number of pixels from 150 to 2000, got {data.shown(height)}")
    return ShownMap(fig, caption, int(height))
