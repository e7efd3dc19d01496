"""The maps of the book, drawn with folium from ``helpers.data``.

Each map function returns a :class:`MapFigure` (the ``folium.Map``, its title, and a
table of the same facts); :func:`show` displays it in a chapter inside a ``<figure>``
with a caption and, beside it, that table as a text alternative, so that a reader who
cannot see the map loses nothing.  The tables a reader works with (meetings, fears)
come from :mod:`helpers.data`.

The maps work with no network.  In the built book, Leaflet is loaded from the book's
own static files (``_static/vendor/leaflet``, copied from npm's ``leaflet`` by the
build): the environment variable ``SCO_VENDOR_URL`` names that folder, as the book's
Sphinx extension (``tools/sphinx_ext/``) sets it for every build (the paths are in ``helpers/assets.py``).  In a live notebook
Leaflet's script and stylesheet are inlined into each map's HTML, read from the copy
that travels inside the installed package (``helpers/_vendor/leaflet``, put there by
``tools/classpack.py`` when the class pack's wheel is built) or, in the repository,
from ``node_modules/leaflet/dist``.  Only when neither exists does a map fall back to
the public CDN (see :func:`leaflet_source`).  Country outlines come
from ``data/geo/states.geojson``.  There are no map tiles: the shapes, markers and
legend are the map.  No jQuery, Bootstrap or Font Awesome is loaded.

Colours follow the Okabe–Ito palette, designed to stay distinct under colour-blindness,
and every status also has its own border pattern, so colour is never the only cue.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from helpers import data, lookups, paths, tables
from helpers.assets import LEAFLET_DIRS, vendor_url

CDN = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist"
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
#: The statuses drawn by default; dialogue partners only when asked for.
MAP_STATUSES = ("founding member", "member", "observer")

CONFLICTS = {
    "georgia-2008": ("georgia 2008", "2008-dushanbe", "The Russia–Georgia war of August 2008"),
    "ukraine-2014": ("ukraine 2014", "2014-dushanbe", "The Ukraine crisis of 2014"),
}




def asset_base() -> str:
    """The URL folder the maps load Leaflet from when they link to it: the book's static
    files when built (``SCO_VENDOR_URL``, :func:`helpers.assets.vendor_url`), else the CDN
    (used only when no local copy exists)."""
    return vendor_url("leaflet") or CDN


def leaflet_dir() -> Path | None:
    """The local folder holding ``leaflet.js`` and ``leaflet.css``, or None."""
    return next((d for d in LEAFLET_DIRS if (d / "leaflet.js").is_file() and (d / "leaflet.css").is_file()), None)


def leaflet_source() -> str:
    """How a new map gets Leaflet: ``"book"`` (the built book's files, via ``SCO_VENDOR_URL``),
    ``"inline"`` (a local copy written into the map's HTML: works with no network), or ``"cdn"``."""
    if vendor_url("leaflet"):
        return "book"
    return "inline" if leaflet_dir() is not None else "cdn"


@lru_cache(maxsize=2)
def _inline_leaflet(folder: str) -> str:
    """Leaflet's stylesheet (its images as data: URIs) and script, as HTML to put in a map's head."""
    root = Path(folder)
    js = (root / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js).replace("</script", "<\\/script")
    css = (root / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        image = root / match.group(1)
        if not image.is_file():
            return match.group(0)
        return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii") + ")"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css).replace("</style", "<\\/style")
    return f'<style id="leaflet-css">{css}</style>\n<script id="leaflet-js">{js}</script>'


@lru_cache(maxsize=1)
def _geometry() -> dict:
    path = data.DATA_DIR / "geo" / "states.geojson"
    return json.loads(path.read_text(encoding="utf-8"))


_cite = data.cite_text


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


_CSS = """
<style>
  .leaflet-container { background: #eef2f5; font: 13px/1.4 system-ui, sans-serif; }
  .sco-legend { background: #fff; padding: 6px 8px; border: 1px solid #555; border-radius: 4px; max-width: 260px; }
  .sco-legend summary { cursor: pointer; font-weight: 600; }
  .sco-legend:not([open]) { padding: 3px 8px; }
  .leaflet-popup-content { overflow-wrap: anywhere; }
  @media (max-width: 599px) {
    .leaflet-container { font-size: 12px; }
    .sco-legend { max-width: 200px; }
    /* an open control covers at most a third of a phone's map: it scrolls inside */
    .leaflet-control-layers-expanded, .sco-legend[open] { max-height: 30vh; max-width: 55vw; overflow-y: auto; }
  }
  .sco-legend-row { display: flex; align-items: center; gap: 4px; margin-top: 2px; }
  .sco-popup p { margin: 2px 0; }
  .sco-source { color: #333; font-size: 12px; }
  .leaflet-control-layers label { margin: 2px 0; }
  /* the year list leaves room for the legend: long labels wrap (Leaflet scrolls a list taller than the map) */
  .leaflet-control-layers-base label { max-width: 17rem; white-space: normal; }
</style>
"""


@dataclass
class MapFigure:
    """What every map function returns: the folium map, its title, the table of the same
    facts (the text alternative beside the map) and the payload the page draws.
    Show it with :func:`show`, which adds a caption."""

    map: folium.Map
    title: str
    table: pd.DataFrame
    payload: dict

    def _repr_html_(self) -> str:
        return show(self, self.title)._repr_html_()


def _new_map(location: list[float], zoom: int, title: str, payload: dict) -> tuple[folium.Map, dict]:
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True, min_zoom=2)
    root = cast(Figure, m.get_root())  # a folium map's root is a branca Figure, with a header
    if leaflet_source() == "inline":
        m.default_js, m.default_css = [], []
        root.header.add_child(Element(_inline_leaflet(str(leaflet_dir()))), name="leaflet_inline")
    else:
        base = asset_base()
        m.default_js = [("leaflet", f"{base}/leaflet.js")]
        m.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    root.header.add_child(Element(_CSS), name="sco_css")
    root.header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="sco_title")
    # the map's own copy: editing one map's payload (its styles, its outlines) changes no other map
    payload = copy.deepcopy({"title": title, "styles": STYLES, **payload})
    payload.setdefault("geometry", {"type": "FeatureCollection", "features": []})
    payload["legend"] = [item for item in payload.get("legend", []) if item["style"] in drawn_styles(payload)]
    _Layers(payload).add_to(m)
    return m, payload


def drawn_styles(payload: dict) -> set[str]:
    """The styles of everything a map draws, in any of its stages: its legend lists only these."""
    styles = set()
    for stage in payload.get("stages", []):
        styles |= {shape["style"] for shape in stage.get("shapes", {}).values()}
        styles |= {item["style"] for item in stage.get("markers", []) + stage.get("lines", [])}
    return styles


def _geometry_for(iso3s: Iterable[str]) -> dict:
    wanted = set(iso3s)
    geo = _geometry()
    return {"type": "FeatureCollection", "features": [f for f in geo["features"] if f["properties"]["iso3"] in wanted]}


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------
def stages() -> list[pd.Timestamp]:
    """The dates on which membership changed: the stages of the organisation's growth."""
    frame = data.load("membership")
    return sorted(set(frame["start"]) | set(frame["end"].dropna()))


def membership_table(year: Any = None, partners: bool = False) -> pd.DataFrame:
    """The text alternative of :func:`membership_map`: each stage, each state and its status."""
    if not isinstance(partners, (bool, np.bool_)):
        raise TypeError(f"partners must be True or False, got {type(partners).__name__} {data.shown(partners)}")
    statuses = list(MAP_STATUSES) + (["dialogue partner"] if partners else [])
    rows = []
    for label, when in _stage_dates(year):
        for r in data.members(when, status=statuses).itertuples():
            rows.append({"stage": label, "state": r.name, "status": r.status, "since": r.since.date()})
    return pd.DataFrame(rows)


def _stage_dates(year: Any) -> list[tuple[str, pd.Timestamp]]:
    """The stages a map shows: the end of ``year`` (or the day, for a date), else every change."""
    if year is not None:
        lookups._within_the_data(year)  # no map of a year the data do not reach
        when = data.as_date(year, end_of_year=True)
        return [(str(when.year) if data.is_year(year) else f"{when:%Y-%m-%d}", when)]
    # a stage is named by its year, or by its day when the year holds two changes (each stage its own label)
    dates = [when for when in stages() if when <= pd.Timestamp.today()]
    years = Counter(when.year for when in dates)
    return [(str(when.year) if years[when.year] == 1 else f"{when:%Y-%m-%d}", when) for when in dates]


def membership_map(year: Any = None, partners: bool = False) -> MapFigure:
    """Member states and observers (and, with ``partners=True``, dialogue partners) shaded by status.

    With a ``year``, the map shows the end of that year.  Without one, every stage of
    the organisation's growth is a layer and the reader switches between them with
    the layer control (this works in the static book).
    """
    statuses = list(MAP_STATUSES) + (["dialogue partner"] if partners else [])
    table = membership_table(year, partners)
    stage_list = []
    for label, when in _stage_dates(year):
        current = data.members(when, status=statuses)
        shapes = {
            r.iso3: {
                "style": str(r.status),
                "tooltip": f"{r.name}: {r.status}",
                "popup": {"title": r.name, "lines": [f"{str(r.status).capitalize()} since {r.since:%d %B %Y}"],
                          "source": _membership_source(r.iso3, r.since)},
            }
            for r in current.itertuples()
        }
        stage_list.append({"label": f"{label}: {_summary(current['status'])}", "shapes": shapes})
    iso3s = set(table["state"].map(lambda n: data.state(n)["iso3"])) if len(table) else set()
    # the whole of Russia and India at zoom 2, placed left of the layer control
    if year is None:
        title = "SCO membership: choose a year"
    else:
        label = _stage_dates(year)[0][0]
        title = f"SCO membership, end of {label}" if data.is_year(year) else f"SCO membership on {label}"
    m, payload = _new_map(
        [45, 122], 2, title,
        {"stages": stage_list, "geometry": _geometry_for(iso3s), "legendPosition": "bottomleft",
         "legend": [{"label": s, "style": s, "kind": "area"} for s in statuses]},
    )
    return MapFigure(m, title, _wide(table), payload)


def _summary(statuses: pd.Series) -> str:
    """'6 members, 4 observers': founding members count as members."""
    counts = statuses.astype(str).replace({"founding member": "member"}).value_counts()
    order = ["member", "observer", "dialogue partner"]
    return ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in order if counts.get(s, 0))


def _wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per state, one column per stage: the status then ('' when none)."""
    if table.empty:
        return table
    wide = table.pivot(index="state", columns="stage", values="status").fillna("")
    wide = wide[list(dict.fromkeys(table["stage"]))]
    first = table.groupby("state")["since"].min()
    return wide.loc[first.sort_values().index].reset_index().rename_axis(columns=None)


def _membership_source(iso3: str, since: Any) -> str:
    frame = data.load("membership")
    row = frame[(frame["state"] == iso3) & (frame["start"] == since)].iloc[0]
    return _cite(row["source"], row["place"])


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
def meetings_map(until: Any = None, level: str = "heads of state") -> MapFigure:
    """A marker for each city that hosted a meeting, sized by how many it hosted; a popup lists them.
    ``until`` and ``level`` as in :func:`helpers.data.meetings_table`."""
    table = data.meetings_table(until, level)
    markers: list[dict[str, Any]] = []
    for city, group in table.groupby("city", sort=True):
        first = group.iloc[0]
        lines = []
        for r in group.itertuples():
            docs = "; ".join(r.documents) if r.documents else "no document recorded"
            lines.append(f"{r.start:%d %b %Y}: {r.name}. Adopted: {docs}. Source: {_cite(r.source, r.place)}")
        n = len(group)
        markers.append({
            "lat": float(first["lat"]), "lon": float(first["lon"]), "radius": 5 + 3 * n ** 0.5, "style": "city",
            "label": f"{first['city_name']}: {n} meeting{'s' if n != 1 else ''}",
            "popup": {"title": f"{first['city_name']} ({n} meeting{'s' if n != 1 else ''})", "lines": lines},
        })
    what = "all levels" if level == "all" else level
    title = f"Where the meetings were held ({what})"
    # the outlines of the host states, for orientation (no tiles: the shapes are the map)
    places = data.load("places").set_index("id")
    states = data.load("states").set_index("iso3")
    hosts = sorted({places.loc[c, "state"] for c in table["city"]} & set(states.index))
    shapes = {iso: {"style": "context", "tooltip": str(states.loc[iso, "name"]),
                    "popup": {"title": str(states.loc[iso, "name"]), "lines": []}} for iso in hosts}
    m, payload = _new_map([45, 80], 3, title,
                 {"stages": [{"label": "meetings", "markers": markers, "shapes": shapes}],
                  "geometry": _geometry_for(hosts),
                  "legend": [{"label": "host city (larger: more meetings)", "style": "city", "kind": "point"},
                             {"label": "host state", "style": "context", "kind": "area"}]})
    text = table.assign(date=table["start"].dt.date, city=table["city_name"],
                        documents=table["documents"].map(lambda d: "; ".join(d)))
    return MapFigure(m, title, text[["date", "name", "city", "level", "documents", "source"]], payload)


# ---------------------------------------------------------------------------
# Fears
# ---------------------------------------------------------------------------
def fears_map() -> MapFigure:
    """The separatist and territorial worries the sources attribute to each member state.

    A marker per region; a dashed line links it to the capital of each state that
    fears for it; popups name the analyst who raised it and cite the source.
    """
    table = data.fears_table()
    places = data.load("places").set_index("id")
    states = data.load("states").set_index("iso3")
    markers, lines = [], []
    for pid, group in table.groupby("place_id", sort=True):
        p = places.loc[pid]
        markers.append({
            "lat": float(p["lat"]), "lon": float(p["lon"]), "radius": 8, "style": "fear",
            "label": f"{p['name']}: feared by {', '.join(dict.fromkeys(group['feared by']))}",
            "popup": {"title": str(p["name"]),
                      "lines": [f"{r['feared by']}: {r['worry']} (raised by {r['raised by']}; {r['source']})"
                                for _, r in group.iterrows()]},
        })
    for r in table.itertuples():
        p, s = places.loc[r.place_id], states.loc[r.iso3]
        lines.append({"from": [float(s["lat"]), float(s["lon"])], "to": [float(p["lat"]), float(p["lon"])],
                      "style": "fear-link",
                      "popup": {"title": f"{r._2} fears for {r.region}", "lines": [r.worry, f"Raised by {r._4}"],
                                "source": r.source}})
    fearing = sorted(set(table["iso3"]))
    def state_lines(iso: str) -> list[str]:
        rows = table[table["iso3"] == iso]
        return [f"{region}: raised by " + "; ".join(f"{r['raised by']}, {r['source']}" for _, r in group.iterrows())
                for region, group in rows.groupby("region", sort=True)]

    shapes = {iso: {"style": "context", "tooltip": f"{states.loc[iso, 'name']} (a member that fears separatism)",
                    "popup": {"title": f"What {states.loc[iso, 'name']} fears", "lines": state_lines(iso)}}
              for iso in fearing}
    title = "What the members fear: separatism and borders"
    m, payload = _new_map([40, 85], 3, title,
                 {"stages": [{"label": "fears", "shapes": shapes, "markers": markers, "lines": lines}],
                  "geometry": _geometry_for(fearing),
                  "legend": [{"label": "region feared for", "style": "fear", "kind": "point"},
                             {"label": "link to the state that fears it", "style": "fear-link", "kind": "line"},
                             {"label": "member state", "style": "context", "kind": "area"}]})
    return MapFigure(m, title, table.drop(columns=["place_id", "iso3"]), payload)


# ---------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------
def conflict_table(which: str) -> pd.DataFrame:
    """The text alternative of :func:`conflict_map`: each place of the conflict with its dated events."""
    data.expect_choice(which, "conflict", CONFLICTS)
    kind, summit, _ = CONFLICTS[which]
    events = data.load("events")
    events = events[events["kind"] == kind].sort_values("date")
    places = data.load("places").set_index("id")
    rows = []
    for e in events.itertuples():
        for pid in e.places:
            rows.append({"date": e.date.date(), "place": places.loc[pid, "name"], "event": e.title,
                         "source": _cite(e.source, e.place), "place_id": pid})
    return pd.DataFrame(rows, columns=["date", "place", "event", "source", "place_id"])


def conflict_map(which: str) -> MapFigure:
    """``"georgia-2008"`` or ``"ukraine-2014"``: the places of the conflict with their dated events,
    and the city of the SCO summit that followed, for context."""
    table = conflict_table(which)
    kind, summit_id, title = CONFLICTS[which]
    places = data.load("places").set_index("id")
    summit = data.meeting(summit_id)
    markers: list[dict[str, Any]] = []
    for pid, group in table.groupby("place_id", sort=False):
        p = places.loc[pid]
        if pid == summit["city"]:
            continue
        markers.append({
            "lat": float(p["lat"]), "lon": float(p["lon"]), "radius": 8,
            "style": p["kind"] if p["kind"] in ("contested region", "conflict site") else "city",
            "label": f"{p['name']} ({len(group)} dated event{'s' if len(group) != 1 else ''})",
            "popup": {"title": str(p["name"]), "lines": [f"{r['date']:%d %b %Y}: {r['event']} ({r['source']})"
                                                          for _, r in group.iterrows()]},
        })
    city = places.loc[summit["city"]]
    markers.append({
        "lat": float(city["lat"]), "lon": float(city["lon"]), "radius": 9, "style": "summit",
        "label": f"{city['name']}: {summit['name']}, {data.meeting_dates(summit, short=True)}",
        "popup": {"title": f"{summit['name']} ({data.meeting_dates(summit)})",
                  "lines": ["Adopted: " + ("; ".join(summit["documents"]) or "no document recorded")]
                  + [f"{r['date']:%d %b %Y}: {r['event']} ({r['source']})"
                     for _, r in table[table["place_id"] == summit["city"]].iterrows()],
                  "source": _cite(summit["source"], summit["place"])},
    })
    lats = [mk["lat"] for mk in markers]
    lons = [mk["lon"] for mk in markers]
    states = data.load("states").set_index("iso3")
    context = sorted({places.loc[pid, "state"] for pid in table["place_id"]} | {summit["host"], "RUS"})
    shapes = {iso: {"style": "context", "tooltip": str(states.loc[iso, "name"]),
                    "popup": {"title": str(states.loc[iso, "name"]), "lines": []}} for iso in context}
    m, payload = _new_map([sum(lats) / len(lats), sum(lons) / len(lons)], 4, title,
                 {"stages": [{"label": which, "markers": markers, "shapes": shapes}], "legendPosition": "topright",
                  "geometry": _geometry_for(context),
                  "legend": [{"label": "state (for orientation)", "style": "context", "kind": "area"},
{"label": "conflict site", "style": "conflict site", "kind": "point"},
                             {"label": "contested region", "style": "contested region", "kind": "point"},
                             {"label": "other city", "style": "city", "kind": "point"},
                             {"label": "SCO summit city", "style": "summit", "kind": "point"}]})
    m.fit_bounds([[min(lats) - 1, min(lons) - 1], [max(lats) + 1, max(lons) + 1]])
    return MapFigure(m, title, table.drop(columns=["place_id"]), payload)


# ---------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------
def map_html(fig: MapFigure) -> str:
    """The complete HTML document of a map (what the iframe of :func:`show` holds)."""
    _expect_figure(fig, "map_html")
    return fig.map.get_root().render()


def _expect_figure(fig: Any, caller: str) -> None:
    if not isinstance(fig, MapFigure):
        raise TypeError(
            f"{caller}() takes a map made by helpers.maps (membership_map(), meetings_map(), fears_map() "
            f"or conflict_map()), got {type(fig).__name__} {data.shown(fig)}"
        )


class ShownMap:
    """A map in an iframe, its caption, and its text alternative: what :func:`show` displays."""

    def __init__(self, fig: MapFigure, caption: str, height: int = 460):
        self.figure, self.caption, self.height = fig, caption, height

    def _repr_html_(self) -> str:
        doc = map_html(self.figure)
        title = html.escape(self.figure.title)
        return (
            f'<figure class="sco-map">'
            f'<iframe class="sco-map-frame" title="Map: {title}" srcdoc="{html.escape(doc, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #888"></iframe>'
            f"<figcaption>{html.escape(self.caption)}</figcaption>"
            f'<details class="sco-text-alternative" open><summary>Text alternative: the facts of this map as a table</summary>'
            f"{tables.table_html(self.figure.table, index=False, label=f'The facts of the map: {self.figure.title}')}</details>"
            f"</figure>"
        )


def show(fig: MapFigure, caption: str, height: int = 460) -> ShownMap:
    """Display a map with its caption and its text alternative (use as a cell's last line)."""
    _expect_figure(fig, "show")
    if not isinstance(caption, str):
        raise TypeError(f"caption must be text (a string), got {type(caption).__name__} {data.shown(caption)}")
    if not caption.strip():
        raise ValueError(f"caption must say what the map shows and where its facts come from, got {data.shown(caption)}")
    if isinstance(height, bool) or not isinstance(height, (int, np.integer)) or not 150 <= height <= 2000:
        raise ValueError(f"height must be a whole number of pixels from 150 to 2000, got {data.shown(height)}")
    return ShownMap(fig, caption, int(height))
