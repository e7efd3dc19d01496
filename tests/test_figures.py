"""make figures (tools/figures.py): every map of a chapter saved at slide size as PNG and SVG,
with its caption and sources, framed on its data."""

from __future__ import annotations

import csv
import re
import struct
import xml.etree.ElementTree as ET

import pytest
from conftest import BUILD

from tools import figures

SVG = "{http://www.w3.org/2000/svg}"


def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.browser
def test_every_map_of_a_chapter_is_saved_for_slides(book, browser, tmp_path):
    chapter = "03_dushanbe_2008"
    page = (BUILD / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
    maps_on_page = len(re.findall(r'<figure class="sco-map"', page))
    assert maps_on_page >= 2
    records = figures.export(book=BUILD, out=tmp_path, chapters=[chapter], browser=browser)
    assert sorted({r["figure"] for r in records}) == list(range(1, maps_on_page + 1))
    captions = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)]
    with open(tmp_path / "figures.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(records)
    for r in records:
        png, captioned, svg = (tmp_path / f"{r['file']}{suffix}" for suffix in (".png", "-captioned.png", ".svg"))
        assert _png_size(png) == (figures.WIDTH, figures.HEIGHT)
        w, h = _png_size(captioned)
        assert w == figures.WIDTH and h > figures.HEIGHT + 40, "the caption and sources sit under the map"
        assert r["caption"].startswith(captions[r["figure"] - 1])
        assert "Natural Earth" in r["sources"] and "Olimova (2008)" in r["sources"] + " ".join(x["sources"] for x in records)
        root = ET.parse(svg).getroot()
        assert root.findtext(f"{SVG}title") == r["caption"]
        assert root.findtext(f"{SVG}desc") == r["sources"]
        shapes = [p for p in root.iter(f"{SVG}path") if "sco-" in (p.get("class") or "")]
        assert shapes, "the map's shapes and markers are vectors in the SVG"
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert r["caption"] in texts, "the caption is visible in the SVG"
    # framed on the data: every marker of the subject lies inside the 1600 x 900 frame
    for r in records:
        root = ET.parse(tmp_path / f"{r['file']}.svg").getroot()
        for layer in root.findall(f"{SVG}svg"):
            dx, dy = float(layer.get("x")), float(layer.get("y"))
            vx, vy = (float(v) for v in layer.get("viewBox").split()[:2])
            for p in layer.iter(f"{SVG}path"):
                if "sco-marker" not in (p.get("class") or ""):
                    continue
                x, y = (float(v) for v in re.match(r"M\s*(-?[\d.]+)[ ,](-?[\d.]+)", p.get("d")).groups())
                sx, sy = x - vx + dx, y - vy + dy
                assert 0 <= sx <= figures.WIDTH and 0 <= sy <= figures.HEIGHT, (r["file"], sx, sy)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f"{r['file']}.svg" in index for r in records)
