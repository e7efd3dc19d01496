"""The registry of code exercises: what an exercise is and how it is registered.

``helpers.exercise_bank`` (the answer key of the book) registers every code exercise here with
the function that computes its expected answer from the data.  The class pack ships a
generated ``exercise_bank`` instead (``tools/classpack.py``), which registers the same
exercises with their *fingerprints* only (``helpers.fingerprints.fingerprint``): the checker
compares a student's answer with a fingerprint in both cases, so the two editions give the
same verdicts and hints, and the pack holds no expected answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: The kinds of code exercise: what an answer is and how it is compared.
KINDS = ("number", "names", "ordered names", "date", "text", "table")


@dataclass(frozen=True)
class Exercise:
    """A code exercise: its id, chapter, learning outcome, kind, and how its answer is known.

    ``expected`` computes the expected answer from the data (the book); in the class pack it
    is :func:`withheld` and ``fingerprint`` holds what answers are compared with.
    """

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


#: Every registered code exercise, by id.
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


def exercise(
    id: str, chapter: int, outcome: str, kind: str, hint: str = "", columns: tuple[str, ...] = (), tolerance: float = 0.0
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function as the computation of an exercise's expected answer.

    Parameters
    ----------
    id : str
        The exercise's id, unique across the book (``"ch1-founders"``).
    chapter : int
        The chapter it belongs to.
    outcome : str
        The learning outcome it practises.
    kind : str
        One of :data:`KINDS`: ``number`` (an int or float), ``names`` (a collection of names:
        states may be given by any alias or ISO code, order does not matter), ``ordered
        names``, ``date``, ``text`` (one name or word), ``table`` (a DataFrame with
        ``columns``: exactly those columns, in any order).
    hint : str, optional
        What a wrong answer is told, besides what the checker finds.
    columns : tuple of str, optional
        A table's columns (required for ``table``).
    tolerance : float, optional
        How far a number, or a number in a table's numeric column, may be from the expected
        one and still be right (0: equal in value, whatever the type: 6.0 is 6).

    Returns
    -------
    callable
        The decorator: it registers the function and returns it unchanged.

    Raises
    ------
    TypeError
        If ``id`` is not a non-empty string.
    ValueError
        If the kind is unknown, a table names no columns, the tolerance is not a number
        >= 0, or the id is registered already.

    Examples
    --------
    >>> @exercise("demo-two", chapter=0, outcome="Count to two", kind="number")
    ... def _two():
    ...     return 2
    >>> REGISTRY.pop("demo-two").expected()
    2
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
    """Stand in for an answer's computation in the class pack, which holds fingerprints only.

    Returns
    -------
    object
        Never: it always raises.

    Raises
    ------
    LookupError
        Always, saying that the pack holds no expected answers.

    Examples
    --------
    >>> withheld()
    Traceback (most recent call last):
    ...
    LookupError: the class pack holds no expected answers, ...
    """
    raise LookupError(
        "the class pack holds no expected answers, only their fingerprints: check() compares your answer with them (your teacher has the model answers)"
    )


def register_fingerprint(
    id: str, chapter: int, outcome: str, kind: str, fingerprint: dict, hint: str = "", columns: tuple[str, ...] = (), tolerance: float = 0.0
) -> None:
    """Register an exercise with its expected answer's fingerprint only (the class pack).

    Parameters
    ----------
    id, chapter, outcome, kind : str, int, str, str
        As for :func:`exercise`.
    fingerprint : dict
        The expected answer's fingerprint (:func:`helpers.fingerprints.fingerprint`).
    hint, columns, tolerance : str, tuple of str, float, optional
        As for :func:`exercise`.

    Raises
    ------
    TypeError
        If ``id`` is not a non-empty string.
    ValueError
        As for :func:`exercise`.

    Examples
    --------
    >>> register_fingerprint("demo-fp", 0, "an example", "text", {"salt": "sco:demo-fp", "kind": "text", "value": "0"})
    >>> REGISTRY.pop("demo-fp").expected is withheld
    True
    """
    _validate(id, kind, tuple(columns), tolerance)
    REGISTRY[id] = Exercise(id, chapter, outcome, kind, withheld, hint, tuple(columns), float(tolerance), fingerprint=fingerprint)


#: Source exercises (read, compare, argue) have no checker; their learning outcomes are
#: registered here, by exercise label, with :func:`source_exercise`.
SOURCE_OUTCOMES: dict[str, str] = {}


def source_exercise(label: str, outcome: str) -> None:
    """Register the learning outcome of a source exercise (read, compare, argue).

    Parameters
    ----------
    label : str
        The exercise's label in its chapter (``"ex-ch1-beginnings"``).
    outcome : str
        The learning outcome it practises.

    Raises
    ------
    ValueError
        If ``label`` is registered already.

    Examples
    --------
    >>> source_exercise("ex-demo", "Weigh two sources")
    >>> SOURCE_OUTCOMES.pop("ex-demo")
    'Weigh two sources'
    """
    if label in SOURCE_OUTCOMES:
        raise ValueError(f"source exercise {label!r} is registered twice")
    SOURCE_OUTCOMES[label] = outcome
