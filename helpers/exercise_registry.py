"""The registry of code exercises: what an exercise is and how it is registered.

``helpers.exercise_bank`` (the answer key of the book) registers every code exercise here with
the function that computes its expected answer from the data.  The class pack ships a
generated ``exercise_bank`` instead (``tools/classpack.py``), which registers the same
exercises with their *fingerprints* only (``helpers.exercises.fingerprint``): the checker
compares a student's answer with a fingerprint in both cases, so the two editions give the
same verdicts and hints, and the pack holds no expected answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

KINDS = ("number", "names", "ordered names", "date", "text", "table")


@dataclass(frozen=True)
class Exercise:
    id: str
    chapter: int
    outcome: str
    kind: str
    #: computes the expected answer from the data (the book); :func:`withheld` in the class pack
    expected: Callable[[], Any]
    hint: str = ""
    columns: tuple[str, ...] = field(default=())
    #: how far a number (or a number in a table) may be from the answer and still be right
    tolerance: float = 0.0
    #: the expected answer's fingerprint, stored (the class pack); ``None``: computed from ``expected``
    fingerprint: dict | None = None


REGISTRY: dict[str, Exercise] = {}


def _validate(id: str, kind: str, columns: tuple[str, ...], tolerance: float) -> None:
    if not isinstance(id, str) or not id.strip():
        raise TypeError(f"an exercise id must be a non-empty string like 'ch1-founders', got {id!r}")
    if kind not in KINDS:
        raise ValueError(f"unknown exercise kind {kind!r}; valid: {', '.join(KINDS)}")
    if kind == "table" and not columns:
        raise ValueError(f"exercise {id!r} of kind 'table' must name its columns")
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not tolerance >= 0:
        raise ValueError(f"the tolerance of exercise {id!r} must be a number >= 0, got {tolerance!r}")
    if id in REGISTRY:
        raise ValueError(f"exercise id {id!r} is registered twice")


def exercise(id: str, chapter: int, outcome: str, kind: str, hint: str = "", columns: tuple[str, ...] = (),
             tolerance: float = 0.0) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function as the computation of exercise ``id``'s expected answer.

    kinds: ``number`` (an int or float), ``names`` (a collection of names: states may be
    given by any alias or ISO code, order does not matter), ``ordered names``,
    ``date``, ``text`` (one name or word), ``table`` (a DataFrame with ``columns``: exactly
    those columns, in any order).
    ``tolerance``: how far a number, or a number in a table's numeric column, may be from the
    expected one and still be right (0: equal in value, whatever the type: 6.0 is 6).
    """
    if not isinstance(id, str) or not id.strip():
        raise TypeError(f"an exercise id must be a non-empty string like 'ch1-founders', got {id!r}")

    def register(fn: Callable[[], Any]) -> Callable[[], Any]:
        _validate(id, kind, tuple(columns), tolerance)
        REGISTRY[id] = Exercise(id, chapter, outcome, kind, fn, hint, tuple(columns), float(tolerance))
        return fn

    _validate(id, kind, tuple(columns), tolerance)
    return register


def withheld() -> Any:
    """The class pack's stand-in for an answer's computation: the pack holds fingerprints only."""
    raise LookupError("the class pack holds no expected answers, only their fingerprints: "
                      "check() compares your answer with them (your teacher has the model answers)")


def register_fingerprint(id: str, chapter: int, outcome: str, kind: str, fingerprint: dict, hint: str = "",
                         columns: tuple[str, ...] = (), tolerance: float = 0.0) -> None:
    """Register exercise ``id`` with its expected answer's fingerprint only (the class pack)."""
    _validate(id, kind, tuple(columns), tolerance)
    REGISTRY[id] = Exercise(id, chapter, outcome, kind, withheld, hint, tuple(columns), float(tolerance),
                            fingerprint=fingerprint)


#: Source exercises (read, compare, argue) have no checker; their learning outcomes are
#: registered here, by exercise label, with :func:`source_exercise`.
SOURCE_OUTCOMES: dict[str, str] = {}


def source_exercise(label: str, outcome: str) -> None:
    """Register the learning outcome of the source exercise ``label`` (``ex-ch1-...``)."""
    if label in SOURCE_OUTCOMES:
        raise ValueError(f"source exercise {label!r} is registered twice")
    SOURCE_OUTCOMES[label] = outcome
