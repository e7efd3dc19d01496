"""One declaration of the dependencies: ``pyproject.toml``; the pinned files are generated from it.

    python -m tools.pins            write requirements.txt, requirements-dev.txt and CITATION.cff's version
    python -m tools.pins --check    say what disagrees with pyproject.toml (exit 1), write nothing
    python -m tools.pins --freeze   also pin every transitive dependency in constraints.txt, from a
                                    fresh virtual environment (needs the package index)

``make pins`` runs the first and the last. In ``pyproject.toml``:

* ``[project] dependencies``: what the helpers import at run time, unpinned (the class pack's wheel
  declares them);
* ``[dependency-groups]``: ``notebooks`` (exact pins of what a student's notebook needs: the class
  pack installs these), ``book`` (the book's build, and the notebooks), ``dev`` (the tests and
  linters). ``requirements.txt`` is ``book`` plus the helpers themselves (``-e .``), which Binder
  and ``make book`` install; ``requirements-dev.txt`` is ``dev``.

The version is written once, in ``[project] version``; ``CITATION.cff`` carries a copy that this
tool writes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# Generated from pyproject.toml by `make pins` (python -m tools.pins): edit pyproject.toml, not this file.\n"


def pyproject(root: Path = ROOT) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def group(name: str, root: Path = ROOT) -> list[str]:
    """The requirements of a dependency group, with ``include-group`` entries expanded, in order."""
    groups = pyproject(root).get("dependency-groups", {})
    if name not in groups:
        raise ValueError(f"pyproject.toml has no dependency group {name!r}; it has {sorted(groups)}")
    out: list[str] = []
    for item in groups[name]:
        for req in group(item["include-group"], root) if isinstance(item, dict) else [item]:
            if req not in out:
                out.append(req)
    return out


def exact_pins(requirements: list[str]) -> dict[str, str]:
    """``{name: version}`` of ``name==version`` requirements; anything else is refused."""
    found = {}
    for req in requirements:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([A-Za-z0-9_.+!-]+)", req.strip())
        if not m:
            raise ValueError(f"{req!r} in pyproject.toml is not an exact pin (name==version)")
        found[m.group(1).lower()] = m.group(2)
    return found


def files(root: Path = ROOT) -> dict[Path, str]:
    """The text each generated file must have."""
    book, dev = group("book", root), group("dev", root)
    exact_pins(book), exact_pins(dev)
    version = pyproject(root)["project"]["version"]
    citation = root / "CITATION.cff"
    cff = re.sub(r'(?m)^(\s*version: )"[^"]*"$', rf'\g<1>"{version}"', citation.read_text(encoding="utf-8"))
    return {
        root / "requirements.txt": HEADER + "# What the book and its notebooks need (Binder reads this file too); transitive pins: constraints.txt.\n"
        "-c constraints.txt\n" + "".join(f"{r}\n" for r in book)
        + "# the book's own helpers package (helpers/), importable from every notebook\n-e .\n",
        root / "requirements-dev.txt": HEADER + "# Tests and linters, installed by `make test` into the same .venv.\n"
        "-c constraints.txt\n" + "".join(f"{r}\n" for r in dev),
        citation: cff,
    }


def check(root: Path = ROOT) -> list[str]:
    """What disagrees with pyproject.toml: a generated file that differs, a constraint that pins
    another version than the groups do."""
    problems = [f"{path.name} differs from what pyproject.toml declares: run 'make pins'"
                for path, text in files(root).items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    constraints = root / "constraints.txt"
    pinned = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            pinned[m.group(1).lower().replace("_", "-")] = m.group(2)
    for name, version in {**exact_pins(group("book", root)), **exact_pins(group("dev", root))}.items():
        key = name.replace("_", "-")
        if pinned.get(key) != version:
            problems.append(f"constraints.txt pins {name}=={pinned.get(key)}, pyproject.toml {name}=={version}: run 'make pins'")
    return problems


def freeze(root: Path = ROOT) -> None:
    """constraints.txt: every package of a fresh environment made from the generated files."""
    with tempfile.TemporaryDirectory(prefix="sco-pins-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = str(venv / "bin" / "python")
        reqs = [r for name in ("book", "dev") for r in group(name, root)]
        subprocess.run([py, "-m", "pip", "install", "--quiet", *reqs], check=True)
        frozen = subprocess.run([py, "-m", "pip", "freeze", "--exclude-editable"], check=True,
                                capture_output=True, text=True).stdout
    lines = sorted((line for line in frozen.splitlines() if "==" in line), key=str.lower)
    (root / "constraints.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--check"]:
        problems = check()
        print("\n".join(problems) if problems else "the pinned files agree with pyproject.toml")
        return 1 if problems else 0
    if argv not in ([], ["--freeze"]):
        print(__doc__, file=sys.stderr)
        return 2
    for path, text in files().items():
        path.write_text(text, encoding="utf-8")
    if argv == ["--freeze"]:
        freeze()
    problems = check()
    print("\n".join(problems) if problems else "requirements.txt, requirements-dev.txt, constraints.txt and CITATION.cff written")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
