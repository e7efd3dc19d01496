"""A module that gathers names from others, and passes an assignment on to where a name comes from.

:mod:`helpers.data` gathers the public names of its parts, and :mod:`helpers.exercises` those of
:mod:`helpers.quizzes`. Code that sets one of these names on the gathering module
(``data.DATA_DIR = folder``, a test's ``monkeypatch.setattr(data, "load", ...)``) means the name
the code uses, so the assignment is made in the module the name comes from too.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from typing import Any


class _Gathering(types.ModuleType):
    """A module whose assignments to gathered names are made in their home modules too."""

    _homes: dict[str, types.ModuleType]

    def __setattr__(self, name: str, value: Any) -> None:
        home = self.__dict__.get("_homes", {}).get(name)
        if home is not None:
            setattr(home, name, value)
        super().__setattr__(name, value)


def pass_on_assignments(module_name: str, names: Iterable[str], parts: Iterable[types.ModuleType]) -> None:
    """Make module ``module_name`` pass an assignment to any of ``names`` on to its home module.

    Parameters
    ----------
    module_name : str
        The gathering module (its ``__name__``).
    names : iterable of str
        The names it gathers.
    parts : iterable of module
        The modules it gathers them from, each importing names only from those before it: the
        first that holds a name is its home.

    Raises
    ------
    ValueError
        If a name is in none of ``parts``.

    Examples
    --------
    >>> import sys, types
    >>> home, gathering = types.ModuleType("home"), types.ModuleType("gathering")
    >>> home.x = gathering.x = 1
    >>> sys.modules["gathering"] = gathering
    >>> pass_on_assignments("gathering", ["x"], [home])
    >>> gathering.x = 2
    >>> home.x
    2
    >>> del sys.modules["gathering"]
    """
    homes: dict[str, types.ModuleType] = {}
    wanted = set(names)
    for part in parts:
        for name in vars(part):
            if name in wanted:
                homes.setdefault(name, part)
    if wanted - set(homes):
        raise ValueError(f"{module_name} gathers names that none of its parts has: {sorted(wanted - set(homes))}")
    module = sys.modules[module_name]
    module.__class__ = _Gathering
    module.__dict__["_homes"] = homes
