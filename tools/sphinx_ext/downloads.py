"""What a reader downloads from the book: the class pack, and a chapter as a notebook.

* The class pack (``tools/classpack.py``): ``_build/sco-classpack.zip`` is copied to the root
  of the built book, where the landing page and the instructors' page link to it; a page that
  links to it fails the build if the zip is missing.
* A chapter's ``.ipynb``: the chapters are MyST Markdown notebooks; the page's download menu
  offers the notebook converted from one (code, no outputs; the public book's without its
  assessed cells), beside the ``.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: The class pack's zip, relative to the book's folder, and its name in the built book.
CLASSPACK = "_build/sco-classpack.zip"
CLASSPACK_NAME = "sco-classpack.zip"


def _classpack(app: Sphinx) -> Path:
    return Path(app.srcdir) / CLASSPACK


def check_classpack_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """A page that offers the class pack needs the zip: fail with the fix in the message."""
    body = context.get("body")
    if body and CLASSPACK_NAME in body and not _classpack(app).is_file():
        raise ExtensionError(
            f"{pagename} links to {CLASSPACK_NAME} but {_classpack(app)} is missing: "
            "run 'make classpack' (make book does it for you)."
        )


def copy_classpack(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if _classpack(app).is_file():
        shutil.copyfile(_classpack(app), Path(app.outdir) / CLASSPACK_NAME)
    elif any(CLASSPACK_NAME in page.read_text(encoding="utf-8") for page in Path(app.outdir).glob("*.html")):
        raise ExtensionError(f"the book links to {CLASSPACK_NAME} but {_classpack(app)} is missing: run 'make classpack'.")


def notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Offer a text notebook's ``.ipynb`` in the page's download menu, as a chapter's always was.

    The chapters are MyST Markdown notebooks (``tools.notebooks``); a reader who downloads one
    gets the notebook converted from it, with its code and without outputs, beside the ``.md``.
    Runs before the theme's header buttons (priority 501), which list ``ipynb_source``."""
    from tools import notebooks as nbfiles

    if not pagename or doctree is None or not context.get("sourcename", "").endswith(".md"):
        return
    source = Path(app.env.doc2path(pagename))
    if not nbfiles.is_notebook(source):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    from tools.editions import edition, public_notebook

    nb = nbfiles.read(source)
    nbfiles.write_ipynb(public_notebook(nb) if edition() == "public" else nb, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", check_classpack_link)
    app.connect("html-page-context", notebook_download, priority=450)
    app.connect("build-finished", copy_classpack)
