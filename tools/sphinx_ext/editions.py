"""Two editions from one source (``tools/editions.py``): the public book leaves out the cells
tagged ``assessed``; the instructors' edition keeps them, prints them and offers the LMS files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

#: The quizzes exported for an LMS (tools/lms.py), offered by the instructors' edition only.
LMS_DIR = "_build/lms"
LMS_FILES = ("sco-quizzes-moodle.xml", "sco-quizzes-qti.zip")
#: The instructors' edition's own stylesheet (written at the end of its build).
EDITION_CSS = "sco-instructors.css"
EDITION_CSS_TEXT = """/* The instructors' edition (tools/sphinx_ext/editions.py): its answers print, opened. */
.sco-edition-banner { border: 2px solid #8a3b00; background: #fdeee4; padding: .4rem .7rem; margin: 0 0 1rem; }
@media print {
  html body div.solution, html body div.solution .toggle-hidden, html body div.solution section { display: block !important; }
  html body div.solution.toggle-hidden .admonition-title ~ * { height: auto !important; opacity: 1 !important; visibility: visible !important; margin: .4rem 0 !important; }
  div.solution { break-inside: auto; }
}
"""
EDITION_BANNER = ('<p class="sco-edition-banner"><strong>Instructors\' edition.</strong> This edition holds the model '
                  "answers, the quiz key and the LMS exports. Do not publish it where students can read it; "
                  "the public book (<code>make book</code>) leaves them out.</p>")


def edition_config(app: Sphinx, config: Config) -> None:
    from tools.editions import edition

    if edition() != "instructors":
        return
    config.html_title = f"{config.html_title or config.project} (instructors' edition)"
    # its own output folder, but the notebooks' outputs from the public build's cache
    if not getattr(config, "nb_execution_cache_path", ""):
        config.nb_execution_cache_path = str(Path(app.srcdir) / "_build" / ".jupyter_cache")


def drop_assessed(app: Sphinx, docname: str, source: list[str]) -> None:
    """The public book reads every notebook without its cells tagged ``assessed``."""
    from tools.editions import edition, public_text

    if edition() == "public" and source and source[0].startswith("---") and "format_name: myst" in source[0][:600]:
        source[0] = public_text(source[0])


def edition_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The instructors' edition says so at the top of every page."""
    from tools.editions import edition

    if edition() == "instructors" and context.get("body"):
        context["body"] = EDITION_BANNER + context["body"]


def finish_edition(app: Sphinx, exception: Exception | None) -> None:
    """Public: the page sources offered for download lose their assessed cells too.
    Instructors: the LMS files and the edition's stylesheet are copied in."""
    from tools import notebooks as nbfiles
    from tools.editions import edition, public_text

    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if edition() == "public":
        for copy in (outdir / "_sources").rglob("*.md") if (outdir / "_sources").is_dir() else []:
            if nbfiles.is_notebook(copy):
                copy.write_text(public_text(copy.read_text(encoding="utf-8")), encoding="utf-8")
        return
    (outdir / "_static" / EDITION_CSS).write_text(EDITION_CSS_TEXT, encoding="utf-8")
    dest = outdir / "lms"
    dest.mkdir(exist_ok=True)
    for name in LMS_FILES:
        src = Path(app.srcdir) / LMS_DIR / name
        if not src.is_file():
            raise ExtensionError(f"{src} is missing: the instructors' edition offers it; run 'make lms' "
                                 "(make instructors does it for you).")
        shutil.copyfile(src, dest / name)


def setup(app: Sphinx) -> None:
    from tools.editions import edition

    app.connect("config-inited", edition_config)
    app.connect("source-read", drop_assessed)
    app.connect("html-page-context", edition_page)
    app.connect("build-finished", finish_edition)
    if edition() == "instructors":
        app.add_css_file(EDITION_CSS)
