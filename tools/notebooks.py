"""The book's notebooks as text: MyST Markdown notebooks read through jupytext.

Every chapter (``chapters/NN_name.md``), the Sources page and the instructors' page are MyST
Markdown notebooks: a YAML header naming jupytext's ``myst`` format and the kernel, markdown
as it is, code in ``{code-cell}`` blocks, cell tags on a ``:tags:`` line (code) or a
``+++ {"tags": [...]}`` line (markdown). Jupyter Book reads them directly; the tools that
need notebook cells (the student edition, the class pack, the instructors' guide, the bench)
read them here, and students get ``.ipynb`` files converted from them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS_DIR = ROOT / "chapters"
#: A chapter's file name: two digits, an underscore, a name (chapters/README.md is not one).
CHAPTER_GLOB = "[0-9][0-9]_*.md"


def is_notebook(path: Path) -> bool:
    """True when ``path`` is a MyST Markdown notebook (its header names jupytext's myst format)."""
    if path.suffix != ".md" or not path.is_file():
        return False
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---\n") and "format_name: myst" in head and "kernelspec:" in head


def chapters(folder: Path = CHAPTERS_DIR) -> list[Path]:
    """The chapter notebooks of ``folder``, in the book's order."""
    found = sorted(folder.glob(CHAPTER_GLOB))
    not_notebooks = [p.name for p in found if not is_notebook(p)]
    if not_notebooks:
        raise ValueError(f"{', '.join(not_notebooks)} in {folder} lack the jupytext MyST header of a chapter notebook "
                         "(see chapters/README.md)")
    return found


def read(path: Path) -> nbformat.NotebookNode:
    """The notebook of a MyST Markdown file (or an ``.ipynb``), as nbformat v4, without outputs."""
    import jupytext

    nb = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def write_ipynb(nb: nbformat.NotebookNode, path: Path) -> Path:
    """Write ``nb`` as a classic ``.ipynb`` (what JupyterLab opens without jupytext)."""
    path = path.with_suffix(".ipynb")
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path
