"""The maps of the book, drawn with folium from ``helpers.data``.

Each map function returns a :class:`~helpers.map_figure.MapFigure` (the ``folium.Map``, its
title, and a table of the same facts); :func:`~helpers.map_figure.show` displays it in a chapter
inside a ``<figure>`` with a caption and, beside it, that table as a text alternative, so that a
reader who cannot see the map loses nothing.  The tables a reader works with (meetings, fears)
come from :mod:`helpers.data`.

The code lives in four modules of one concern each; a chapter imports this one, which
gathers their public names:

* this module: the four maps (:func:`membership_map`, :func:`meetings_map`, :func:`fears_map`,
  :func:`conflict_map`);
* :mod:`helpers.map_tables`: the facts they show as tables (:func:`~helpers.map_tables.membership_table`,
  :func:`~helpers.map_tables.conflict_table`, the stages of membership);
* :mod:`helpers.map_figure`: a map as a figure (:class:`~helpers.map_figure.MapFigure`, the
  colours and border patterns of ``STYLES``, the layers the page draws) and how it is shown
  (:func:`~helpers.map_figure.show`, :func:`~helpers.map_figure.map_html`);
* :mod:`helpers.leaflet`: where a map gets Leaflet from (the built book's files, a copy
  written into the map, or the CDN), so that the maps work with no network.

Country outlines come from ``data/geo/states.geojson``.

>>> from helpers import maps
>>> maps.fears_map().title
'What the members fear: separatism and borders'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import data
from helpers.leaflet import CDN, asset_base, leaflet_dir, leaflet_source
from helpers.map_figure import MAX_HTML_BYTES, STYLES, MapFigure, ShownMap, drawn_styles, geometry_for, map_html, new_map, show
from helpers.map_tables import CONFLICTS, MAP_STATUSES, _stage_dates, _wide, conflict_table, membership_table, stages

__all__ = [
    "CDN",
    "CONFLICTS",
    "MAP_STATUSES",
    "MAX_HTML_BYTES",
    "STYLES",
    "MapFigure",
    "ShownMap",
    "asset_base",
    "conflict_map",
    "conflict_table",
    "drawn_styles",
    "fears_map",
    "leaflet_dir",
    "leaflet_source",
    "map_html",
    "meetings_map",
    "membership_map",
    "membership_table",
    "show",
    "stages",
]

_cite = data.cite_text


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------
def membership_map(year: Any = None, partners: bool = False) -> MapFigure:
    """Member states and observers (and, with ``partners=True``, dialogue partners) shaded by status.

    With a ``year``, the map shows the end of that year.  Without one, every stage of
    the organisation's growth is a layer and the reader switches between them with
    the layer control (this works in the static book).

    Parameters
    ----------
    year : int, str or date, optional
        One stage only: the end of that year, or that day.
    partners : bool, optional
        Draw the dialogue partners too.

    Returns
    -------
    MapFigure
        The map, with :func:`membership_table` as its text alternative (one column per stage).

    Examples
    --------
    >>> membership_map(2001).title
    'SCO membership, end of 2001'
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
                "popup": {"title": r.name, "lines": [f"{str(r.status).capitalize()} since {r.since:%d %B %Y}"], "source": _membership_source(r.iso3, r.since)},
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
    m, payload = new_map(
        [45, 122],
        2,
        title,
        {
            "stages": stage_list,
            "geometry": geometry_for(iso3s),
            "legendPosition": "bottomleft",
            "legend": [{"label": s, "style": s, "kind": "area"} for s in statuses],
        },
    )
    return MapFigure(m, title, _wide(table), payload)


def _summary(statuses: pd.Series) -> str:
    """'6 members, 4 observers': founding members count as members."""
    counts = statuses.astype(str).replace({"founding member": "member"}).value_counts()
    order = ["member", "observer", "dialogue partner"]
    return ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in order if counts.get(s, 0))


def _membership_source(iso3: str, since: Any) -> str:
    frame = data.load("membership")
    row = frame[(frame["state"] == iso3) & (frame["start"] == since)].iloc[0]
    return _cite(row["source"], row["place"])


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
def meetings_map(until: Any = None, level: str = "heads of state") -> MapFigure:
    """A marker for each city that hosted a meeting, sized by how many it hosted; a popup lists them.

    Parameters
    ----------
    until : int, str or date, optional
        Only the meetings up to then, as in :func:`helpers.data.meetings_table`.
    level : str, optional
        ``"heads of state"``, another level, or ``"all"``, as in :func:`helpers.data.meetings_table`.

    Returns
    -------
    MapFigure
        The map, with the meetings (date, name, city, level, documents, source) as its text alternative.

    Examples
    --------
    >>> meetings_map().title
    'Where the meetings were held (heads of state)'
    """
    table = data.meetings_table(until, level)
    markers: list[dict[str, Any]] = []
    for city, group in table.groupby("city", sort=True):
        first = group.iloc[0]
        lines = []
        for r in group.itertuples():
            docs = "; ".join(r.documents) if r.documents else "no document recorded"
            lines.append(f"{r.start:%d %b %Y}: {r.name}. Adopted: {docs}. Source: {_cite(r.source, r.place)}")
        n = len(group)
        markers.append(
            {
                "lat": float(first["lat"]),
                "lon": float(first["lon"]),
                "radius": 5 + 3 * n**0.5,
                "style": "city",
                "label": f"{first['city_name']}: {n} meeting{'s' if n != 1 else ''}",
                "popup": {"title": f"{first['city_name']} ({n} meeting{'s' if n != 1 else ''})", "lines": lines},
            }
        )
    what = "all levels" if level == "all" else level
    title = f"Where the meetings were held ({what})"
    # the outlines of the host states, for orientation (no tiles: the shapes are the map)
    places = data.load("places").set_index("id")
    states = data.load("states").set_index("iso3")
    hosts = sorted({places.loc[c, "state"] for c in table["city"]} & set(states.index))
    shapes = {
        iso: {"style": "context", "tooltip": str(states.loc[iso, "name"]), "popup": {"title": str(states.loc[iso, "name"]), "lines": []}} for iso in hosts
    }
    m, payload = new_map(
        [45, 80],
        3,
        title,
        {
            "stages": [{"label": "meetings", "markers": markers, "shapes": shapes}],
            "geometry": geometry_for(hosts),
            "legend": [
                {"label": "host city (larger: more meetings)", "style": "city", "kind": "point"},
                {"label": "host state", "style": "context", "kind": "area"},
            ],
        },
    )
    text = table.assign(date=table["start"].dt.date, city=table["city_name"], documents=table["documents"].map(lambda d: "; ".join(d)))
    return MapFigure(m, title, text[["date", "name", "city", "level", "documents", "source"]], payload)


# ---------------------------------------------------------------------------
# Fears
# ---------------------------------------------------------------------------
def fears_map() -> MapFigure:
    """The separatist and territorial worries the sources attribute to each member state.

    A marker per region; a dashed line links it to the capital of each state that
    fears for it; popups name the analyst who raised it and cite the source.

    Returns
    -------
    MapFigure
        The map, with :func:`helpers.data.fears_table` as its text alternative.

    Examples
    --------
    >>> fears_map().title
    'What the members fear: separatism and borders'
    """
    table = data.fears_table()
    places = data.load("places").set_index("id")
    states = data.load("states").set_index("iso3")
    markers, lines = [], []
    for pid, group in table.groupby("place_id", sort=True):
        p = places.loc[pid]
        markers.append(
            {
                "lat": float(p["lat"]),
                "lon": float(p["lon"]),
                "radius": 8,
                "style": "fear",
                "label": f"{p['name']}: feared by {', '.join(dict.fromkeys(group['feared by']))}",
                "popup": {
                    "title": str(p["name"]),
                    "lines": [f"{r['feared by']}: {r['worry']} (raised by {r['raised by']}; {r['source']})" for _, r in group.iterrows()],
                },
            }
        )
    for r in table.itertuples():
        p, s = places.loc[r.place_id], states.loc[r.iso3]
        lines.append(
            {
                "from": [float(s["lat"]), float(s["lon"])],
                "to": [float(p["lat"]), float(p["lon"])],
                "style": "fear-link",
                "popup": {"title": f"{r._2} fears for {r.region}", "lines": [r.worry, f"Raised by {r._4}"], "source": r.source},
            }
        )
    fearing = sorted(set(table["iso3"]))

    def state_lines(iso: str) -> list[str]:
        rows = table[table["iso3"] == iso]
        return [
            f"{region}: raised by " + "; ".join(f"{r['raised by']}, {r['source']}" for _, r in group.iterrows())
            for region, group in rows.groupby("region", sort=True)
        ]

    shapes = {
        iso: {
            "style": "context",
            "tooltip": f"{states.loc[iso, 'name']} (a member that fears separatism)",
            "popup": {"title": f"What {states.loc[iso, 'name']} fears", "lines": state_lines(iso)},
        }
        for iso in fearing
    }
    title = "What the members fear: separatism and borders"
    m, payload = new_map(
        [40, 85],
        3,
        title,
        {
            "stages": [{"label": "fears", "shapes": shapes, "markers": markers, "lines": lines}],
            "geometry": geometry_for(fearing),
            "legend": [
                {"label": "region feared for", "style": "fear", "kind": "point"},
                {"label": "link to the state that fears it", "style": "fear-link", "kind": "line"},
                {"label": "member state", "style": "context", "kind": "area"},
            ],
        },
    )
    return MapFigure(m, title, table.drop(columns=["place_id", "iso3"]), payload)


# ---------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------
def conflict_map(which: str) -> MapFigure:
    """The places of a conflict with their dated events, and the city of the SCO summit that followed.

    Parameters
    ----------
    which : str
        ``"georgia-2008"`` or ``"ukraine-2014"`` (see :data:`CONFLICTS`).

    Returns
    -------
    MapFigure
        The map, framed on the conflict, with :func:`conflict_table` as its text alternative.

    Raises
    ------
    ValueError
        If ``which`` is not a conflict of :data:`CONFLICTS`.

    Examples
    --------
    >>> conflict_map("ukraine-2014").title
    'The Ukraine crisis of 2014'
    """
    table = conflict_table(which)
    kind, summit_id, title = CONFLICTS[which]
    places = data.load("places").set_index("id")
    summit = data.meeting(summit_id)
    markers: list[dict[str, Any]] = []
    for pid, group in table.groupby("place_id", sort=False):
        p = places.loc[pid]
        if pid == summit["city"]:
            continue
        markers.append(
            {
                "lat": float(p["lat"]),
                "lon": float(p["lon"]),
                "radius": 8,
                "style": p["kind"] if p["kind"] in ("contested region", "conflict site") else "city",
                "label": f"{p['name']} ({len(group)} dated event{'s' if len(group) != 1 else ''})",
                "popup": {"title": str(p["name"]), "lines": [f"{r['date']:%d %b %Y}: {r['event']} ({r['source']})" for _, r in group.iterrows()]},
            }
        )
    city = places.loc[summit["city"]]
    markers.append(
        {
            "lat": float(city["lat"]),
            "lon": float(city["lon"]),
            "radius": 9,
            "style": "summit",
            "label": f"{city['name']}: {summit['name']}, {data.meeting_dates(summit, short=True)}",
            "popup": {
                "title": f"{summit['name']} ({data.meeting_dates(summit)})",
                "lines": ["Adopted: " + ("; ".join(summit["documents"]) or "no document recorded")]
                + [f"{r['date']:%d %b %Y}: {r['event']} ({r['source']})" for _, r in table[table["place_id"] == summit["city"]].iterrows()],
                "source": _cite(summit["source"], summit["place"]),
            },
        }
    )
    lats = [mk["lat"] for mk in markers]
    lons = [mk["lon"] for mk in markers]
    states = data.load("states").set_index("iso3")
    context = sorted({places.loc[pid, "state"] for pid in table["place_id"]} | {summit["host"], "RUS"})
    shapes = {
        iso: {"style": "context", "tooltip": str(states.loc[iso, "name"]), "popup": {"title": str(states.loc[iso, "name"]), "lines": []}} for iso in context
    }
    m, payload = new_map(
        [sum(lats) / len(lats), sum(lons) / len(lons)],
        4,
        title,
        {
            "stages": [{"label": which, "markers": markers, "shapes": shapes}],
            "legendPosition": "topright",
            "geometry": geometry_for(context),
            "legend": [
                {"label": "state (for orientation)", "style": "context", "kind": "area"},
                {"label": "conflict site", "style": "conflict site", "kind": "point"},
                {"label": "contested region", "style": "contested region", "kind": "point"},
                {"label": "other city", "style": "city", "kind": "point"},
                {"label": "SCO summit city", "style": "summit", "kind": "point"},
            ],
        },
    )
    m.fit_bounds([[min(lats) - 1, min(lons) - 1], [max(lats) + 1, max(lons) + 1]])
    return MapFigure(m, title, table.drop(columns=["place_id"]), payload)
