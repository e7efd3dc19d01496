"""The pre-commit hook that keeps notebooks out of git: no .ipynb in chapters/, no outputs anywhere."""

from __future__ import annotations

import json

import nbformat

from tools import nbguard


def _notebook(path, outputs: bool) -> None:
    cell = nbformat.v4.new_code_cell("1 + 1")
    if outputs:
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
        cell.execution_count = 1
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"), cell]), path)


def test_a_notebook_with_outputs_is_refused_and_a_clean_one_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _notebook(tmp_path / "clean.ipynb", outputs=False)
    _notebook(tmp_path / "ran.ipynb", outputs=True)
    assert nbguard.main(["clean.ipynb", "README.md"]) == 0
    assert nbguard.main(["clean.ipynb", "ran.ipynb"]) == 1
    assert nbguard.problems(tmp_path / "ran.ipynb") and "cell 2 has outputs" in nbguard.problems(tmp_path / "ran.ipynb")[0]


def test_any_notebook_in_chapters_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chapters").mkdir()
    _notebook(tmp_path / "chapters" / "01_x.ipynb", outputs=False)
    assert nbguard.main(["chapters/01_x.ipynb"]) == 1
    assert "MyST Markdown" in capsys.readouterr().out


def test_the_hooks_are_local_and_use_the_projects_tools():
    """Every hook runs offline with the environment's tools, and make validate is one of them."""
    import yaml

    from helpers import data

    config = yaml.safe_load((data.ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert {"ruff-check", "ruff-format", "codespell", "no-notebook-outputs", "validate-data"} <= set(hooks)
    assert all(h["language"] == "system" for h in hooks.values())
    assert hooks["validate-data"]["entry"] == "make validate"
    assert json.dumps(hooks["no-notebook-outputs"]["types"]) == '["jupyter"]'
