"""The maps: right counts from the data, cited popups, bad input refused, small, offline,
colour-blind-safe; and in the built book, drawn, switchable and clickable with no network."""

from __future__ import annotations

import itertools
import re

import folium
import pytest

from helpers import data, maps

ALL_MAPS = {
    "membership_map()": lambda: maps.membership_map(),
    "membership_map(2005)": lambda: maps.membership_map(2005),
    "membership_map(partners)": lambda: maps.membership_map(partners=True),
    "meetings_map()": lambda: maps.meetings_map(),
    "meetings_map(all)": lambda: maps.meetings_map(level="all"),
    "fears_map()": lambda: maps.fears_map(),
    "conflict_map(georgia)": lambda: maps.conflict_map("georgia-2008"),
    "conflict_map(ukraine)": lambda: maps.conflict_map("ukraine-2014"),
}


def _markers(m):
    return [mk for stage in m.payload["stages"] for mk in stage.get("markers", [])]


def _popups(m):
    for stage in m.payload["stages"]:
        for shape in stage.get("shapes", {}).values():
            yield shape["popup"]
        for item in stage.get("markers", []) + stage.get("lines", []):
            yield item["popup"]


@pytest.mark.parametrize("name", ALL_MAPS)
def test_each_map_is_a_folium_map_small_and_offline(name, monkeypatch):
    monkeypatch.setenv("SCO_VENDOR_URL", "../_static/vendor")
    m = ALL_MAPS[name]()
    assert isinstance(m, maps.MapFigure) and isinstance(m.map, folium.Map)
    assert m.title and isinstance(m.table, __import__("pandas").DataFrame) and len(m.table)
    html = maps.map_html(m)
    assert len(html.encode()) <= maps.MAX_HTML_BYTES, f"{name} is {len(html) // 1024} KB"
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert urls and all(u.startswith("../_static/vendor/leaflet/") for u in urls), urls
    for lib in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert lib not in html.lower()


@pytest.mark.parametrize("name", ALL_MAPS)
def test_every_popup_names_its_source(name):
    m = ALL_MAPS[name]()
    for popup in _popups(m):
        text = " ".join([popup.get("source") or ""] + popup.get("lines", []))
        if popup.get("lines") == [] and not popup.get("source"):
            continue  # an outline drawn only for orientation carries no claim
        assert re.search(r"\(\d{4}\)|general reference", text), f"{name}: popup {popup['title']!r} cites nothing"


def test_membership_map_has_a_stage_per_change_and_the_right_shapes():
    m = maps.membership_map()
    stages = m.payload["stages"]
    assert len(stages) == len([s for s in maps.stages() if s.year <= 2026])
    for stage, (_, when) in zip(stages, maps._stage_dates(None)):
        expected = data.members(when, status=list(maps.MAP_STATUSES))
        assert set(stage["shapes"]) == set(expected["iso3"])
        for iso, shape in stage["shapes"].items():
            assert shape["style"] == expected.set_index("iso3").loc[iso, "status"]
    assert stages[0]["label"].startswith("1996") and "5 members" in stages[0]["label"]


def test_membership_map_for_one_year():
    m = maps.membership_map(2001)
    (stage,) = m.payload["stages"]
    assert set(stage["shapes"]) == {"CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB"}


def test_membership_text_alternative_has_every_state_and_stage():
    m = maps.membership_map()
    text = m.table
    assert set(text["state"]) == set(maps.membership_table()["state"])
    assert len(text.columns) == 1 + len(m.payload["stages"])


def test_meetings_map_has_a_marker_per_city_with_every_meeting():
    for level in ("heads of state", "all"):
        m = maps.meetings_map(level=level)
        table = data.meetings_table(level=level)
        markers = _markers(m)
        assert len(markers) == table["city"].nunique()
        assert sum(len(mk["popup"]["lines"]) for mk in markers) == len(table)
    dushanbe = next(mk for mk in _markers(maps.meetings_map()) if mk["label"].startswith("Dushanbe"))
    assert any("2008" in line for line in dushanbe["popup"]["lines"])
    assert any("2014" in line for line in dushanbe["popup"]["lines"])


def test_meetings_map_until():
    early = data.meetings_table(until=2001)
    assert early["start"].max().year <= 2001 and len(early) == 6


def test_fears_map_links_each_place_to_the_state_that_fears_it():
    m = maps.fears_map()
    fears = data.load("fears")
    (stage,) = m.payload["stages"]
    assert len(stage["markers"]) == fears["place"].nunique()
    assert len(stage["lines"]) == len(fears)
    people = set(data.load("people")["name"])
    for line in stage["lines"]:
        assert any(line["popup"]["lines"][-1].endswith(p) for p in people), "names who raised it"


@pytest.mark.parametrize("which,places", [("georgia-2008", {"Tskhinvali", "Gori", "Poti", "Abkhazia", "South Ossetia"}),
                                          ("ukraine-2014", {"Crimea", "Donbas"})])
def test_conflict_maps(which, places):
    m = maps.conflict_map(which)
    labels = {mk["label"].split(" (")[0].split(":")[0] for mk in _markers(m)}
    assert places <= labels
    assert "Dushanbe" in labels, "the summit city, for context"
    summit_city = data.load("places").set_index("id").loc[data.meeting(maps.CONFLICTS[which][1])["city"], "name"]
    assert len(_markers(m)) == len(set(m.table["place"]) | {summit_city})


@pytest.mark.parametrize(
    "call,needle",
    [
        (lambda: maps.membership_map(1989), "1989"),
        (lambda: maps.membership_map(2300), "2300"),
        (lambda: maps.membership_map("soon"), "soon"),
        (lambda: maps.meetings_map(until=1980), "1980"),
        (lambda: maps.meetings_map(level="kings"), "kings"),
        (lambda: maps.conflict_map("syria-2015"), "syria-2015"),
    ],
)
def test_bad_input_raises_value_error_naming_value_and_valid(call, needle):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert needle in message
    assert re.search(r"choose|valid|closest|write it as", message)


def test_show_wraps_map_with_caption_and_text_alternative():
    fig = maps.show(maps.conflict_map("ukraine-2014"), "Crimea & Donbas <2014>")
    html = fig._repr_html_()
    assert html.count("<iframe") == 1 and 'title="Map: ' in html
    assert "Crimea &amp; Donbas &lt;2014&gt;" in html
    assert "Text alternative" in html and "<table" in html
    with pytest.raises(TypeError):
        maps.show("not a map", "caption")
    with pytest.raises(TypeError):
        maps.show(maps.conflict_map("ukraine-2014").map, "a bare folium.Map is not a figure")
    # a figure shown without show() displays with its title as the caption
    assert "<iframe" in maps.fears_map()._repr_html_()


def test_strings_from_the_data_never_become_html(monkeypatch):
    """A place name holding markup reaches the page as text: the map JS uses textContent only."""
    m = maps.conflict_map("georgia-2008")
    m.payload["stages"][0]["markers"][0]["label"] = "<img src=x onerror=alert(1)>"
    html = maps.map_html(m)
    assert "<img src=x" not in html  # tojson escapes < and > inside the script
    assert "innerHTML" not in html.split("ScoLayers")[-1] if "ScoLayers" in html else True
    assert ".textContent = t" in html


# ---------------------------------------------------------------------------
# Colours: distinguishable under colour-blindness, and never the only cue
# ---------------------------------------------------------------------------
# Machado et al. (2009) simulation matrices at full severity, applied in linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
    "none": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def _lab(hex_colour, matrix):
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    sim = [min(1, max(0, sum(m * c for m, c in zip(row, lin)))) for row in matrix]
    x = 0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]
    y = 0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2]
    z = 0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x / 0.95047, y, z / 1.08883)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@pytest.mark.parametrize("vision", CVD)
def test_status_colours_stay_distinct_under_colour_blindness(vision):
    statuses = list(data.STATUSES) + ["context"]
    for a, b in itertools.combinations(statuses, 2):
        la, lb = _lab(maps.STYLES[a]["fillColor"], CVD[vision]), _lab(maps.STYLES[b]["fillColor"], CVD[vision])
        distance = sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5
        assert distance >= 12, f"{a} and {b} look alike under {vision} (ΔE {distance:.1f})"


def test_status_is_never_shown_by_colour_alone():
    patterns = {(maps.STYLES[s]["dashArray"], maps.STYLES[s]["weight"]) for s in data.STATUSES}
    assert len(patterns) == len(data.STATUSES), "each status has its own border pattern"
