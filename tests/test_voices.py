"""Whose voices the book's evidence comes from (issue 21): the origin of every source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import data


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, dest)
    return dest


def test_every_source_has_an_origin_from_the_vocabulary():
    sources = data.load("sources")
    vocabulary = set(data.origin_vocabulary())
    assert sources["origin"].notna().all()
    assert set(sources["origin"]) <= vocabulary
    # the vocabulary is the states of the book by name, a few other states, and two words
    states = set(data.load("states")["name"])
    assert states <= vocabulary
    assert {"international", "unknown"} <= vocabulary
    assert not {"RUS", "Russian Federation", "russia", ""} & vocabulary


@pytest.mark.parametrize(
    "origin,region",
    [("Russia", "Russia"), ("China", "China"), ("Kazakhstan", "Central Asia"), ("Kyrgyzstan", "Central Asia"),
     ("Tajikistan", "Central Asia"), ("Uzbekistan", "Central Asia"), ("Turkmenistan", "Central Asia"),
     ("India", "other"), ("United States", "other"), ("United Kingdom", "other"),
     ("international", "other"), ("unknown", "other")],
)
def test_origins_group_into_regions(origin, region):
    assert data.origin_region(origin) == region


def test_an_origin_that_is_not_in_the_vocabulary_is_refused_by_name():
    with pytest.raises(ValueError, match="Russian Federation"):
        data.origin_region("Russian Federation")


@pytest.mark.parametrize("value,needle", [("Russian Federation", "'Russia'"), ("RUS", "not a state name"),
                                          ("", "empty but required")])
def test_a_bad_origin_in_sources_csv_names_file_row_and_column(data_copy, value, needle):
    path = data_copy / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, "origin"] = value
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    assert (info.value.file, info.value.row, info.value.column) == ("sources.csv", 2, "origin"), str(info.value)
    assert needle in str(info.value)
    data.validate_all()


def test_the_codings_the_sources_show():
    """A few origins fixed by what the sources themselves say (people.csv, the seeds' bylines)."""
    origin = dict(zip(data.load("sources")["id"], data.load("sources")["origin"]))
    assert origin["olimova2008"] == "Tajikistan"          # IWPR's editor in Tajikistan, writing in Dushanbe
    assert origin["katz2008"] == "United States"         # George Mason University
    assert origin["thesis2007"] == "unknown"             # no author or university in the text
    assert origin["sco2008"] == "international"          # the SCO's declaration, whoever publishes it
    assert origin["xinhua2008"] == "China"
    assert origin["kremlin2008qa"] == "Russia"
