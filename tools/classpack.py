"""The class pack: everything a student needs to do the exercises on their own machine, offline.

    python -m tools.classpack            (or: make classpack)

writes ``_build/classpack/`` and ``_build/sco-classpack.zip`` (the same folder, zipped as
``sco-classpack/``):

* the chapters' student edition as ``.ipynb`` notebooks (converted from the MyST chapters, every
  cell tagged ``solution`` removed, by ``tools.student``);
* ``wheels/sco_teaching_module-<version>-py3-none-any.whl``: the ``helpers`` package built at
  this moment, with the data (``data/`` → ``helpers/_data/``) and Leaflet (npm's
  ``leaflet/dist`` → ``helpers/_vendor/leaflet/``) inside it as package data, so that
  ``from helpers import data`` works from any folder and the maps draw with no network.
  Neither copy is committed: the repository keeps ``data/`` at the top for authors;
* in that wheel, ``helpers/exercise_bank.py`` (the book's answer key, which computes every
  expected answer from the data) is replaced by a generated module that registers the same
  exercises with their answers' *fingerprints* only (``helpers.exercises.fingerprint``):
  ``check()`` gives the same verdicts and hints, and the pack holds no expected answer;
* ``requirements.txt`` (that wheel, by relative path, and the pinned libraries) with
  ``constraints.txt`` (every transitive pin of the book's environment);
* a short README for students, and the licences.

The book links to the zip from its landing page and the instructors' page;
``tools/sphinx_ext/downloads.py`` copies it into ``_build/html``. The wheel's layout is
``helpers/assets.py``'s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

from helpers import assets
from tools import notebooks as nbfiles
from tools import pins as pins_tool
from tools.student import for_jupyterlab, strip

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "classpack"
ZIP = ROOT / "_build" / "sco-classpack.zip"
#: The folder name inside the zip (what a student sees after unzipping).
ZIP_FOLDER = "sco-classpack"

#: What the notebooks need at run time: pyproject.toml's ``notebooks`` dependency group (exact pins).
RUNTIME = tuple(pins_tool.exact_pins(pins_tool.group("notebooks")))
LICENCES = ("LICENSE", "LICENSE-text-data", "CITATION.cff")

STUDENT_README = """\
# Russia, China and the SCO: the class pack

This folder holds the chapters of the module as notebooks **without their solutions**, and
everything they need: the module's helpers and data as one Python package (in `wheels/`)
and the exact versions of the libraries it was tested with. Once installed, it needs no
network: the maps, quizzes and comparison widgets all run from files on your machine.

## 1. Install (once, about {minutes} on a laptop)

You need Python {python} or newer. In a terminal, inside this folder:

```bash
python3 -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
python -m pip install -r requirements.txt
```

(Run the last line from this folder: `requirements.txt` names the wheel by a relative path.)

## 2. Open

```bash
jupyter lab                        # or: jupyter notebook
```

Open `01_shanghai_five_to_sco.ipynb` and run the first cell (Shift+Enter). It imports the
helpers: `from helpers import data, maps, widgets, exercises`. Then run the cells in order.

## 3. Check an answer

Each code exercise ends with a cell like

```python
answer = ...  # your code here
exercises.check("ch1-founders", answer)
```

Run it as it is and it says **… Not answered yet**. Replace `...` with your code, run the
cell again, and it says **✔ Correct**, or **✖ Not yet** with a hint that points at the
mistake without giving the answer away. Source exercises (read and argue) and the quizzes
are in the same notebooks; your teacher has the model answers.

## If something goes wrong

- `No module named helpers`: the notebook runs in another Python. In JupyterLab choose the
  kernel of the `.venv` you made (Kernel → Change Kernel), or start `jupyter lab` after
  `source .venv/bin/activate`.
- `pip` cannot find a version: check `python3 --version` (it must be {python} or newer).
- References in brackets such as (katz2008, para. 12) are citations: the key of a work in the
  published book's bibliography, and the place in it.

Licences: code MIT (`LICENSE`); text and data CC BY 4.0 (`LICENSE-text-data`); Leaflet
BSD-2-Clause (inside the wheel). Cite the module with `CITATION.cff`.
"""


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins() -> dict[str, str]:
    """The exact pins of a student's notebooks (pyproject.toml's ``notebooks`` group), by lower-case name."""
    return pins_tool.exact_pins(pins_tool.group("notebooks"))


ANSWER_KEY_HEADER = '''"""The class pack's answer key: the code exercises with their answers' fingerprints, no answers.

Generated by tools/classpack.py from the book's helpers/exercise_bank.py, which computes
each expected answer from the data.  Here each exercise carries only a fingerprint of its
answer (salted hashes of the normalised value, and the shape the hints need: how many
names, how many rows, which columns hold numbers, a bracket around a number);
helpers.exercises.check() compares a student's answer with it.  Your teacher has the
model answers.
"""

from __future__ import annotations

import json

from helpers.exercise_registry import (KINDS, REGISTRY, SOURCE_OUTCOMES, Exercise, exercise,  # noqa: F401
                                       register_fingerprint, source_exercise)

_KEY = json.loads(%s)
for _outcome in _KEY["source outcomes"]:
    source_exercise(*_outcome)
for _ex in _KEY["exercises"]:
    register_fingerprint(**_ex)
'''


def answer_key_module(data_dir: Path | None = None) -> str:
    """The class pack's ``helpers/exercise_bank.py``: every registered code exercise with its
    answer's fingerprint (computed from ``data_dir``), and the source exercises' outcomes."""
    from helpers import data, exercise_bank, exercises

    entries = []
    with data.reading(Path(data_dir or ROOT / "data")):
        for eid, ex in exercise_bank.REGISTRY.items():
            if ex.chapter < 1:  # a test's throw-away exercise
                continue
            entries.append({"id": eid, "chapter": ex.chapter, "outcome": ex.outcome, "kind": ex.kind, "hint": ex.hint,
                            "columns": list(ex.columns), "tolerance": ex.tolerance,
                            "fingerprint": exercises.fingerprint(ex, ex.expected())})
    key = {"source outcomes": sorted(exercise_bank.SOURCE_OUTCOMES.items()), "exercises": entries}
    return ANSWER_KEY_HEADER % repr(json.dumps(key, ensure_ascii=False, indent=1))


def _stage_package(stage: Path, data_dir: Path | None = None) -> None:
    """A source tree for the wheel: helpers/, its data and Leaflet, and a pyproject of its own;
    the answer key replaced by the answers' fingerprints."""
    shutil.copytree(ROOT / "helpers", stage / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", assets.PACKAGED_DATA, assets.PACKAGED_VENDOR))
    (stage / "helpers" / "exercise_bank.py").write_text(answer_key_module(data_dir), encoding="utf-8")
    data_dest = stage / "helpers" / assets.PACKAGED_DATA
    data_dir = Path(data_dir or ROOT / "data")
    for pattern in assets.WHEEL_DATA:
        for src in sorted(data_dir.glob(pattern)):
            target = data_dest / src.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    for name, sources in assets.WHEEL_VENDOR.items():
        for folder, patterns in sources:
            npm = ROOT / "node_modules" / folder
            for pattern in patterns:
                found = sorted(npm.glob(pattern))
                if not found:
                    raise SystemExit(f"{npm / pattern} is missing: run 'npm ci' (make assets) first")
                for src in found:
                    target = stage / "helpers" / assets.PACKAGED_VENDOR / name / src.relative_to(npm)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, target)
    meta = project()
    globs = assets.package_data_globs()
    deps = meta["dependencies"]
    q = json.dumps  # a JSON string or list of strings is valid TOML
    (stage / "pyproject.toml").write_text(
        "[build-system]\n"
        'requires = ["setuptools>=61"]\n'
        'build-backend = "setuptools.build_meta"\n\n'
        "[project]\n"
        f"name = {q(meta['name'])}\n"
        f"version = {q(meta['version'])}\n"
        f"description = {q(meta['description'] + ', with its data and Leaflet')}\n"
        f"requires-python = {q(meta['requires-python'])}\n"
        'license = {text = "MIT (code); CC-BY-4.0 (text and data)"}\n'
        f"dependencies = {q(deps)}\n\n"
        "[tool.setuptools]\n"
        'packages = ["helpers"]\n'
        "include-package-data = false\n\n"
        "[tool.setuptools.package-data]\n"
        f"helpers = {q(globs)}\n",
        encoding="utf-8",
    )


def build_wheel(dest: Path, data_dir: Path | None = None) -> Path:
    """Build the helpers' wheel, with its data and Leaflet, into ``dest``; return its path."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sco-wheel-") as tmp:
        stage = Path(tmp) / "src"
        stage.mkdir()
        _stage_package(stage, Path(data_dir or ROOT / "data"))
        cmd = [sys.executable, "-m", "pip", "wheel", str(stage), "--no-deps", "--quiet", "-w", str(dest)]
        try:
            import setuptools  # noqa: F401  (present: build offline, without an isolated environment)
            cmd.append("--no-build-isolation")
        except ImportError:
            pass
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
        run = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"building the wheel failed:\n{run.stdout}\n{run.stderr}")
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one wheel in {dest}, found {wheels}")
    return wheels[0]


def requirements_text(wheel: Path) -> str:
    versions = pins()
    missing = [name for name in RUNTIME if name not in versions]
    if missing:
        raise SystemExit(f"pyproject.toml's notebooks group pins no version of {missing}")
    lines = [
        "# Install with:  python -m pip install -r requirements.txt   (from this folder)",
        "# Exact pins of the libraries the notebooks were tested with; constraints.txt pins the rest.",
        "-c constraints.txt",
        f"./wheels/{wheel.name}",
    ] + [f"{name}=={versions[name]}" for name in RUNTIME]
    return "\n".join(lines) + "\n"


def _write_zip(folder: Path, target: Path) -> None:
    """Zip ``folder`` as ``ZIP_FOLDER/…``, in a fixed order with fixed dates (same input, same zip)."""
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)


def validate(data_dir: Path) -> None:
    """Validate the data that would travel in the wheel; refuse to pack them when invalid."""
    from helpers import data

    try:
        data.validate_all(data_dir)
    except data.DataError as exc:
        raise SystemExit(f"the class pack is not built: the data are invalid: {exc}") from None


def build(out: Path = OUT, zip_path: Path = ZIP, data_dir: Path | None = None) -> Path:
    """Write the class pack to ``out`` and its zip to ``zip_path``; return the zip's path.
    The data (``data_dir``, by default the repository's ``data/``) are validated first."""
    data_dir = Path(data_dir or ROOT / "data")
    validate(data_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    removed = 0
    for nb_path in nbfiles.chapters(ROOT / "chapters"):
        nb, n = strip(nbfiles.read(nb_path))
        nbfiles.write_ipynb(for_jupyterlab(nb), out / nb_path.name)
        removed += n
    wheel = build_wheel(out / "wheels", data_dir)
    (out / "requirements.txt").write_text(requirements_text(wheel), encoding="utf-8")
    shutil.copyfile(ROOT / "constraints.txt", out / "constraints.txt")
    python = project()["requires-python"].lstrip(">=")
    (out / "README.md").write_text(STUDENT_README.format(python=python, minutes="a few minutes"), encoding="utf-8")
    for name in LICENCES:
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, out / name)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    _write_zip(out, zip_path)
    print(f"class pack: {len(list(out.glob('*.ipynb')))} student notebooks ({removed} solution cells removed), "
          f"{wheel.name}; {out}/ and {zip_path} ({zip_path.stat().st_size // 1024} KB)")
    return zip_path


def main() -> int:
    start = time.perf_counter()
    build()
    print(f"class pack built in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
