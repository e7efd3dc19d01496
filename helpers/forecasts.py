"""Chapter 6's forecasts table, rebuilt from the evidence rows each forecast cites.

The data are two tables (``data/README.md``): ``evidence`` (one row per thing that happened
after the forecasts: its date, what it shows in our words, the quoted words and their
source) and ``forecasts`` (one row per forecast, with its grade and the evidence rows it
cites in three list columns: ``bears_out``, ``tells_against`` and ``leaves_open``).

The grade is not free: :func:`helpers.data.forecast_grade` derives it from the cited rows
(evidence on both sides: ``partly``; an open test: ``too early to say``; only evidence for
it: ``right``; only against: ``wrong``), and ``data.validate_all()`` refuses a forecast
whose grade differs, or which cites a row not dated after the forecast.

>>> from helpers import forecasts
>>> table = forecasts.table()
>>> set(table["grade"]) <= {"right", "partly", "wrong", "too early to say"}
True
"""

from __future__ import annotations

import pandas as pd

from helpers import data

#: How each list column reads in the table.
BEARING_LABELS = {
    "bears_out": "bears it out",
    "tells_against": "tells against it",
    "leaves_open": "leaves it open",
}


def evidence_rows(forecast_id: str, forecasts: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence rows one forecast cites, one row per citation, with its bearing, oldest first.

    Parameters
    ----------
    forecast_id : str
        The forecast's id in ``data/forecasts.yaml``.
    forecasts : pandas.DataFrame, optional
        A forecasts table; by default ``data/forecasts.yaml``.
    evidence : pandas.DataFrame, optional
        An evidence table; by default ``data/evidence.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``forecast``, ``bearing`` (one of :data:`BEARING_LABELS`' values), ``evidence``,
        ``date``, ``kind``, ``finding``, ``cited``.

    Raises
    ------
    ValueError
        If there is no such forecast.

    Examples
    --------
    >>> evidence_rows("katz-sco-continues")[["bearing", "date"]].iloc[0].tolist()
    ['bears it out', '2017-06-09']
    """
    forecasts = data.load("forecasts") if forecasts is None else forecasts
    evidence = data.load("evidence") if evidence is None else evidence
    ids = list(forecasts["id"].astype(str))
    forecast_id = data.expect_choice(forecast_id, "forecast", ids)
    row = forecasts.loc[forecasts["id"] == forecast_id].iloc[0]
    by_id = evidence.set_index(evidence["id"].astype(str))
    out = []
    for column, label in BEARING_LABELS.items():
        for item in row[column]:
            ev = by_id.loc[item]
            out.append(
                {
                    "forecast": forecast_id,
                    "bearing": label,
                    "evidence": item,
                    "date": str(ev["date"]),
                    "kind": str(ev["kind"]),
                    "finding": str(ev["finding"]),
                    "cited": data.cite_text(ev["source"], ev["place"]),
                }
            )
    frame = pd.DataFrame(out, columns=["forecast", "bearing", "evidence", "date", "kind", "finding", "cited"])
    return frame.sort_values(["date", "evidence"], kind="stable").reset_index(drop=True)


def table(forecasts: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The forecasts table of chapter 6: one row per forecast, its grade, and its evidence written out by bearing.

    Each piece of evidence is written with its date and citation; ``implied`` is the grade the
    evidence implies (:func:`helpers.data.forecast_grade`).

    Parameters
    ----------
    forecasts : pandas.DataFrame, optional
        A forecasts table; by default ``data/forecasts.yaml``.
    evidence : pandas.DataFrame, optional
        An evidence table; by default ``data/evidence.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``author``, ``forecast``, ``excerpt``, ``cited``, ``made by``, ``grade``,
        ``implied``, ``reasoning``, and one per bearing (``bears it out``...).

    Examples
    --------
    >>> table()[["id", "grade", "implied"]].iloc[0].tolist()
    ['katz-sco-continues', 'right', 'right']
    """
    forecasts = data.load("forecasts") if forecasts is None else forecasts
    evidence = data.load("evidence") if evidence is None else evidence
    people = data.load("people").set_index("id")["name"]
    rows = []
    for _, row in forecasts.iterrows():
        cited = evidence_rows(str(row["id"]), forecasts, evidence)
        record = {
            "id": str(row["id"]),
            "author": str(people.get(row["author"], row["author"])),
            "forecast": str(row["forecast"]),
            "excerpt": str(row["excerpt"]),
            "cited": data.cite_text(row["source"], row["place"]),
            "made by": pd.Timestamp(row["made_by"]).date().isoformat(),
            "grade": str(row["grade"]),
            "implied": data.forecast_grade(row["bears_out"], row["tells_against"], row["leaves_open"]),
            "reasoning": str(row["reasoning"]),
        }
        for label in BEARING_LABELS.values():
            part = cited[cited["bearing"] == label]
            record[label] = "; ".join(f"{d}: {f} ({c})" for d, f, c in zip(part["date"], part["finding"], part["cited"]))
        rows.append(record)
    return pd.DataFrame(rows)


def counts(forecasts: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many forecasts each author made, by grade (authors as rows, grades as columns).

    Parameters
    ----------
    forecasts : pandas.DataFrame, optional
        A forecasts table; by default ``data/forecasts.yaml``.

    Returns
    -------
    pandas.DataFrame
        The counts; the grades in the order of ``data.FORECAST_GRADES``, those no forecast has left out.

    Examples
    --------
    >>> int(counts().loc["Mark N. Katz", "right"])
    2
    """
    forecasts = data.load("forecasts") if forecasts is None else forecasts
    people = data.load("people").set_index("id")["name"]
    frame = forecasts.assign(author=forecasts["author"].map(people), grade=forecasts["grade"].astype(str))
    out = pd.crosstab(frame["author"], frame["grade"])
    return out.reindex(columns=[g for g in data.FORECAST_GRADES if g in out.columns])
