"""The class pack (tools/classpack.py): what it holds, and that it works on its own.

The slow test installs the pack the way a student does, in a fresh virtual environment in
a temporary folder outside the repository, from the pack's own requirements.txt; then it
executes every student notebook with the pack's folder as working directory and checks
that every code exercise says "not answered yet" and that no solution is present.  The
install time is printed in the run's "measurements" section and written to
bench/results/pack-install.txt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from conftest import MEASUREMENTS

from helpers import assets
from tools import classpack
from tools import notebooks as nbfiles
from tools.student import SOLUTION_TAG

ROOT = Path(__file__).resolve().parent.parent
ZIP = classpack.ZIP
CHAPTERS = nbfiles.chapters()


@pytest.fixture(scope="module")
def pack() -> zipfile.ZipFile:
    if not ZIP.is_file():
        pytest.fail(f"{ZIP} is missing: run 'make classpack' (make book and make test do it first)")
    with zipfile.ZipFile(ZIP) as zf:
        yield zf


def _solution_texts(nb_path: Path) -> list[str]:
    """The substantial lines of the solution cells of a chapter that appear nowhere else in it
    (what must never reach a student; a quotation shared with the prose is not a solution)."""
    nb = nbfiles.read(nb_path)
    elsewhere = "\n".join(c.source for c in nb.cells if SOLUTION_TAG not in c.metadata.get("tags", []))
    texts = []
    for cell in nb.cells:
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                line = line.strip()
                # skip lines a student cell shares with its solution (the check() call, fences)
                if len(line) > 25 and "exercises.check(" not in line and not line.startswith(":::") and line not in elsewhere:
                    texts.append(line)
    assert texts, f"{nb_path.name}: no solution text found to look for"
    return texts


def test_pack_holds_notebooks_wheel_requirements_and_readme(pack):
    names = set(pack.namelist())
    folder = classpack.ZIP_FOLDER
    for nb in CHAPTERS:
        assert f"{folder}/{nb.stem}.ipynb" in names, f"{nb.stem}.ipynb is not in the pack"
    for name in ("README.md", "requirements.txt", "constraints.txt", "LICENSE", "LICENSE-text-data"):
        assert f"{folder}/{name}" in names, f"{name} is not in the pack"
    wheels = [n for n in names if n.startswith(f"{folder}/wheels/") and n.endswith(".whl")]
    assert len(wheels) == 1, wheels
    requirements = pack.read(f"{folder}/requirements.txt").decode()
    assert f"./wheels/{Path(wheels[0]).name}" in requirements.splitlines()
    pins = classpack.pins()
    for name in classpack.RUNTIME:
        assert f"{name}=={pins[name]}" in requirements.splitlines(), f"{name} is not pinned as in requirements.txt"
    readme = pack.read(f"{folder}/README.md").decode()
    for step in ("pip install -r requirements.txt", "jupyter lab", "Not answered yet", "Correct"):
        assert step in readme, f"the student README does not say {step!r}"


def test_wheel_carries_the_data_and_leaflet(pack, tmp_path):
    folder = classpack.ZIP_FOLDER
    wheel = next(n for n in pack.namelist() if n.endswith(".whl"))
    (tmp_path / "w.whl").write_bytes(pack.read(wheel))
    with zipfile.ZipFile(tmp_path / "w.whl") as wz:
        inside = set(wz.namelist())
    expected = {f"helpers/_data/{p.relative_to(ROOT / 'data').as_posix()}"
                for pattern in assets.WHEEL_DATA for p in (ROOT / "data").glob(pattern)}
    assert "helpers/_data/passages.csv" in expected and "helpers/_data/geo/states.geojson" in expected
    assert expected <= inside, f"missing from the wheel: {sorted(expected - inside)}"
    for f in ("helpers/data.py", "helpers/maps.py", "helpers/exercises.py", "helpers/static/map_layers.js", "helpers/_vendor/leaflet/leaflet.js",
              "helpers/_vendor/leaflet/leaflet.css", "helpers/_vendor/leaflet/LICENSE"):
        assert f in inside, f"{f} is not in the wheel"
    assert not any(n.startswith("tools/") for n in inside), "the build tools (and the instructors' guide) stay out"
    assert folder


@pytest.mark.parametrize("nb", CHAPTERS, ids=lambda p: p.name)
def test_student_notebooks_hold_no_solution(pack, nb):
    student = nbformat.reads(pack.read(f"{classpack.ZIP_FOLDER}/{nb.stem}.ipynb").decode(), as_version=4)
    assert [c.source for c in student.cells] == [c.source for c in nbfiles.read(nb).cells
                                                 if SOLUTION_TAG not in c.metadata.get("tags", [])]
    assert not [c for c in student.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
    text = "\n".join(c.source for c in student.cells)
    assert "{solution" not in text
    leaked = [t for t in _solution_texts(nb) if t in text]
    assert not leaked, f"{nb.name}: solution text in the student notebook: {leaked[:3]}"


def test_data_and_leaflet_are_never_committed_inside_helpers():
    """The wheel's copies are made at build time; in the repository data/ stays at the top."""
    tracked = subprocess.run(["git", "ls-files", "helpers"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "helpers/_data" not in tracked and "helpers/_vendor" not in tracked
    assert not (ROOT / "helpers" / "_data").exists(), "helpers/_data in the repository would hide data/"


# ---------------------------------------------------------------------------
# Installed like a student: a fresh venv, outside the repository
# ---------------------------------------------------------------------------
_RUN_NOTEBOOKS = r"""
import json, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient
import helpers
pack, out = Path(sys.argv[1]), Path(sys.argv[2])
report = {"helpers": helpers.__file__, "notebooks": {}}
for path in sorted(pack.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(pack)}}).execute()
    report["notebooks"][path.name] = round(time.perf_counter() - start, 1)
    nbformat.write(nb, out / path.name)
print(json.dumps(report))
"""

_MAKE_MAP = r"""
import sys
from pathlib import Path
from helpers import maps
fig = maps.membership_map()
Path(sys.argv[1]).write_text(maps.map_html(fig), encoding="utf-8")
print(maps.leaflet_source())
"""


def _clean_env() -> dict[str, str]:
    """The environment of a student's shell: nothing that points back at the repository."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "SCO_VENDOR_URL", "SCO_DATA_DIR", "SCO_SEEDS_DIR", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    return env


@pytest.fixture(scope="module")
def installed_pack(pack, tmp_path_factory):
    """Unzip the pack outside the repository, make a fresh venv, install requirements.txt; time it."""
    base = tmp_path_factory.mktemp("classroom")
    assert ROOT not in base.parents
    pack.extractall(base)
    folder = base / classpack.ZIP_FOLDER
    venv = base / "venv"
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    start = time.perf_counter()
    run = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          "-r", "requirements.txt"], cwd=folder, env=env, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    assert run.returncode == 0, f"installing the pack failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    size = sum(f.stat().st_size for f in venv.rglob("*") if f.is_file()) / 1e6
    note = f"{seconds:.0f} s for pip install -r requirements.txt in a fresh venv (pip's cache as found; venv {size:.0f} MB)"
    MEASUREMENTS["class pack install"] = note
    print(f"class pack install: {note}")
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "pack-install.txt").write_text(note + "\n")
    return {"folder": folder, "python": python, "env": env, "base": base}


@pytest.mark.slow
def test_every_student_notebook_runs_from_the_installed_pack(installed_pack):
    folder, python = installed_pack["folder"], installed_pack["python"]
    out = installed_pack["base"] / "executed"
    out.mkdir()
    run = subprocess.run([str(python), "-c", _RUN_NOTEBOOKS, str(folder), str(out)], cwd=folder,
                         env=installed_pack["env"], capture_output=True, text=True, timeout=2400)
    assert run.returncode == 0, f"a student notebook failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    report = json.loads(run.stdout.strip().splitlines()[-1])
    # the helpers came from the installed wheel, not from the repository
    assert str(installed_pack["base"]) in report["helpers"] and str(ROOT) not in report["helpers"], report["helpers"]
    MEASUREMENTS["class pack notebooks"] = ", ".join(f"{k} {v} s" for k, v in report["notebooks"].items())
    for nb_path in CHAPTERS:
        nb = nbformat.read(out / f"{nb_path.stem}.ipynb", as_version=4)
        checks = 0
        for cell in nb.cells:
            if cell.cell_type != "code" or "exercises.check(" not in cell.source:
                continue
            checks += 1
            shown = json.dumps(cell.outputs)
            assert "Not answered yet" in shown, f"{nb_path.name}: {cell.source!r} shows {shown[:300]}"
            assert "Correct" not in shown
        assert checks >= 2, f"{nb_path.name}: no code exercise found"
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
        assert not errors
        everything = json.dumps(nb.cells)
        leaked = [t for t in _solution_texts(nb_path) if json.dumps(t)[1:-1] in everything]
        assert not leaked, f"{nb_path.name}: solution text present: {leaked[:3]}"


@pytest.mark.slow
def test_maps_of_the_installed_pack_need_no_network(installed_pack, browser, tmp_path):
    """A map made by the installed package, in a folder that is neither the repository nor the
    pack, inlines Leaflet: its HTML loads nothing over http(s), and it draws in Chromium offline."""
    target = tmp_path / "map.html"
    run = subprocess.run([str(installed_pack["python"]), "-c", _MAKE_MAP, str(target)], cwd=tmp_path,
                         env=installed_pack["env"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "inline"
    html = target.read_text(encoding="utf-8")
    loads = re.findall(r"""<(?:script|link)\b[^>]*(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert not [u for u in loads if u.startswith(("http:", "https:", "//"))], loads
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    context = browser.new_context()
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.abort())
                  if not route.request.url.startswith(("file:", "data:", "about:")) else route.continue_())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(target.as_uri(), wait_until="load")
    assert page.evaluate("typeof L") == "object", "Leaflet did not load"
    page.wait_for_selector("path.sco-shape", state="attached", timeout=10_000)
    assert page.locator("path.sco-shape").count() > 5
    assert not errors and not requests, (errors, requests)
    context.close()


def test_maps_in_the_repository_inline_leaflet_when_not_in_the_book(monkeypatch):
    """A live notebook in the repository (no SCO_VENDOR_URL) also draws offline, from node_modules."""
    from helpers import maps

    monkeypatch.delenv("SCO_VENDOR_URL", raising=False)
    assert maps.leaflet_source() == "inline"
    html = maps.map_html(maps.fears_map())
    assert '<script id="leaflet-js">' in html and maps.CDN not in html
    monkeypatch.setenv("SCO_VENDOR_URL", "../_static/vendor")
    assert maps.leaflet_source() == "book"
