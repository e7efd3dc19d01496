"""helpers.tables: DataFrames shown as a reader reads them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers import tables


def test_no_index_lists_joined_dates_that_do_not_wrap():
    frame = pd.DataFrame({"start": pd.to_datetime(["2008-08-28", "2014-09-12"]), "documents": [["a", "b"], []],
                          "n": [1.0, np.nan]}, index=[7, 9])
    html = tables.show(frame)._repr_html_()
    assert "<th" in html and ">7<" not in html and ">9<" not in html, "no meaningless index"
    assert "a; b" in html and "[" not in html
    assert '<td class="sco-date">28 Aug 2008</td>' in html
    assert "nan" not in html.lower() and "NaT" not in html
    assert html.startswith('<div class="sco-scroll" role="region" tabindex="0" aria-label="Table: start, documents, n">')


def test_a_named_index_is_a_column():
    frame = pd.DataFrame({"name": ["Putin"], "state": ["Russia"]}).set_index("name")
    html = tables.show(frame)._repr_html_()
    assert '<th scope="col">name</th>' in html and '<th scope="row">Putin</th>' in html
    assert ">0<" not in tables.show(frame.reset_index())._repr_html_()
    assert '<th scope="row">0</th>' in tables.show(frame.reset_index(), index=True)._repr_html_()


def test_multiindex_columns_and_escaping():
    frame = pd.crosstab(pd.Series(["x", "y"], name="theme"), [pd.Series(["m1", "m2"], name="meeting"),
                                                                pd.Series(["<b>", "t"], name="passage")])
    html = tables.show(frame)._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'colspan' not in html or 'scope="colgroup"' in html
    assert html.count("<tr>") == 2 + 2


def test_cell_text():
    assert tables.cell_text(dt.date(2008, 8, 5)) == "5 Aug 2008"
    assert tables.cell_text(("a", "b")) == "a; b"
    assert tables.cell_text(None) == "" and tables.cell_text(pd.NaT) == ""
    assert tables.cell_text(3.0) == "3"


def test_bad_input():
    with pytest.raises(TypeError, match="DataFrame"):
        tables.show([1, 2])
    with pytest.raises(TypeError, match="index"):
        tables.show(pd.DataFrame({"a": [1]}), index="yes")
