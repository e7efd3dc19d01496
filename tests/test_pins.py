"""One declaration of the dependencies: pyproject.toml; the pinned files are generated from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools import classpack, pins

ROOT = Path(__file__).resolve().parent.parent


def test_the_pinned_files_agree_with_pyproject():
    assert pins.check() == []


def _copy(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "requirements.txt", "requirements-dev.txt", "constraints.txt", "CITATION.cff"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_pin_changed_in_pyproject_alone_is_caught(tmp_path):
    root = _copy(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8").replace('"pandas==3.1.1"', '"pandas==3.0.0"')
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    problems = pins.check(root)
    assert any("requirements.txt differs" in p for p in problems), problems
    assert any("constraints.txt pins pandas==3.1.1, pyproject.toml pandas==3.0.0" in p for p in problems), problems


def test_the_version_is_written_once(tmp_path):
    root = _copy(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8").replace('version = "0.1.0"', 'version = "0.2.0"', 1)
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    assert any("CITATION.cff differs" in p for p in pins.check(root))
    cff = pins.files(root)[root / "CITATION.cff"]
    assert cff.count('version: "0.2.0"') == 2 and "0.1.0" not in cff


def test_a_loose_pin_is_refused(tmp_path):
    root = _copy(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8").replace('"ruff==0.17.6"', '"ruff>=0.17"')
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="'ruff>=0.17' in pyproject.toml is not an exact pin"):
        pins.files(root)


def test_the_class_pack_reads_its_list_and_version_from_pyproject():
    meta = pins.pyproject()["project"]
    assert tuple(pins.exact_pins(pins.group("notebooks"))) == classpack.RUNTIME
    assert set(classpack.RUNTIME) <= set(pins.exact_pins(pins.group("book")))
    text = classpack.requirements_text(Path(f"wheels/sco_teaching_module-{meta['version']}-py3-none-any.whl"))
    for name, version in classpack.pins().items():
        assert f"{name}=={version}" in text.splitlines()
