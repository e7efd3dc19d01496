"""What a page does not use is not loaded, and what the first paint does not need waits.

``templates/layout.html`` (registered here) passes the theme's ``<head>`` through the Jinja
filters below, each of which rewrites that HTML with the parser of :mod:`.markup`:

* the theme's Font Awesome script (``_static/scripts/fontawesome.js``, 1.45 MB) is dropped
  (``_static/sco-icons.css`` draws the icons, :mod:`.icons`), and the pages link a copy of
  the theme's stylesheet without Font Awesome's icon classes and webfonts;
* the preload hints of the theme's deferred scripts go (they competed with the stylesheets
  the first paint waits for);
* the extensions' scripts are deferred (they act once the page is parsed);
* Sphinx's search scripts go from every page but ``search.html`` (search-as-you-type is off).

The widget manager waits for the reader too (:mod:`.widgets`), and so do the maps (:mod:`.maps`).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from tools.sphinx_ext.markup import Page, src_path

#: The theme's Font Awesome script, as its pages name it.
FONTAWESOME_JS = "_static/scripts/fontawesome.js"
#: The theme's stylesheet, and the copy of it the pages link instead (written by :mod:`.icons`).
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
LEAN_THEME_CSS = "_static/styles/pydata-sphinx-theme-sco.css"
#: The scripts of search-as-you-type, in every page's <head> (search.html loads its own).
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
#: The one script of <head> that runs at once: the inline scripts after it use it.
UNDEFERRED = "documentation_options.js"


def _scripts(page: Page, name: str | tuple[str, ...]) -> list:
    return [s for s in page.find_all("script", src=True) if src_path(s.get("src")).endswith(name)]


def without_fontawesome(head: str) -> str:
    """The theme's <head> assets without its Font Awesome script."""
    page = Page(str(head))
    for script in _scripts(page, FONTAWESOME_JS):
        page.remove(script, space_before=True)
    return page.html()


def without_script_preloads(head: str) -> str:
    """Without the theme's hints that fetch its deferred scripts early (they load at the end of <body> anyway)."""
    page = Page(str(head))
    for link in page.find_all("link", rel="preload", as_="script"):
        page.remove(link, space_before=True)
    return page.html()


def without_search_scripts(head: str) -> str:
    page = Page(str(head))
    for script in _scripts(page, SEARCH_SCRIPTS):
        page.remove(script, space_before=True)
    return page.html()


def with_lean_theme_css(head: str) -> str:
    """The stylesheet links name the theme's stylesheet without Font Awesome's rules."""
    page = Page(str(head))
    for link in page.find_all("link", href=True):
        href = link.get("href") or ""
        if src_path(href).endswith(THEME_CSS):
            lean = href.replace(THEME_CSS, LEAN_THEME_CSS, 1)
            page.set_attrs(link, [(k, lean if k == "href" else v) for k, v in link.attrs])
    return page.html()


def deferred_scripts(head: str) -> str:
    """Every script of <head> but documentation_options.js runs after the page is parsed, in the
    same order, before DOMContentLoaded as they expect."""
    page = Page(str(head))
    for script in page.find_all("script", src=True):
        if not (script.has("defer") or script.has("async") or UNDEFERRED in (script.get("src") or "")):
            page.add_attr_first(script, "defer", "defer")
    return page.html()


def add_template_filters(app: Sphinx) -> None:
    if app.builder.format == "html" and hasattr(app.builder, "templates"):
        filters = app.builder.templates.environment.filters
        filters["sco_without_fontawesome"] = without_fontawesome
        filters["sco_without_script_preloads"] = without_script_preloads
        filters["sco_without_search_scripts"] = without_search_scripts
        filters["sco_with_lean_theme_css"] = with_lean_theme_css
        filters["sco_deferred_scripts"] = deferred_scripts


def one_copy_of_each_script(app: Sphinx, config: Config) -> None:
    """Jupyter Book adds every script of ``_static`` to ``html_js_files`` as a plain (blocking)
    script; when ``_config.yml`` lists the same script with attributes (``defer``), only that
    entry is kept, so that the script loads once and does not block the page."""
    entries = list(config.html_js_files or [])
    with_attrs = {e[0] for e in entries if isinstance(e, (tuple, list)) and e[1]}
    config.html_js_files = [e for e in entries
                            if not (isinstance(e, (tuple, list)) and not e[1] and e[0] in with_attrs)
                            and not (isinstance(e, str) and e in with_attrs)]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_template_filters)
    # after Sphinx turns html_js_files into (name, attributes) (priority 800)
    app.connect("config-inited", one_copy_of_each_script, priority=900)
    app.config.templates_path.append(str(Path(__file__).resolve().parent.parent / "templates"))
