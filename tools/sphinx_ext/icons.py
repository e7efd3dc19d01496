"""The theme's icons without Font Awesome's 1.45 MB script or its 150 KB webfont.

The theme's Font Awesome script (``_static/scripts/fontawesome.js``) turns every
``<i class="fa-...">`` into an SVG; the pages do without it (:mod:`.pageweight` drops it from
every page's ``<head>``).  The dozen icons the theme shows are drawn instead by
``_static/sco-icons.css``, written at the end of the build: each icon a page shows, as a CSS
mask of its outline, in the text's colour (a few KB).  The icons the theme's stylesheets put
in pseudo-elements (the icon of an admonition's title, for example) are drawn the same way
(:func:`pseudo_icons_css`), so that no page downloads the webfont either, and the pages link
a copy of the theme's stylesheet without Font Awesome's 1,900 icon classes and its
``@font-face`` rules (:func:`lean_theme_css`).

The outlines are the SVG files of the npm package ``@fortawesome/fontawesome-free``
(``svgs/solid/*.svg``, ``svgs/regular/*.svg``), pinned in ``package.json`` to the version
the theme bundles; its ``metadata/icon-families.json`` gives each icon's aliases and code
point (a stylesheet names an icon by its code point).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cached_property
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from tools.sphinx_ext.markup import Page, src_path
from tools.sphinx_ext.pageweight import LEAN_THEME_CSS, THEME_CSS

ICONS_CSS = "sco-icons.css"
#: The npm package of the outlines, under node_modules.
FONTAWESOME = "@fortawesome/fontawesome-free"
#: Font Awesome's class prefixes -> the style (the folder of svgs/) that holds their outlines.
ICON_STYLES = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular", "far": "regular"}
_SVG = "{http://www.w3.org/2000/svg}"


class Outline(NamedTuple):
    width: int
    height: int
    path: str


class FontAwesome:
    """The icons of the npm package ``@fortawesome/fontawesome-free`` installed in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        if not (self.folder / "svgs").is_dir() or not (self.folder / "metadata" / "icon-families.json").is_file():
            raise ExtensionError(
                f"{self.folder} is missing or incomplete: the book draws its icons from Font Awesome's SVG files "
                f"(npm's {FONTAWESOME}, in package.json). Run 'npm ci' in the book's folder (make book does it for you)."
            )

    @cached_property
    def _metadata(self) -> dict:
        return json.loads((self.folder / "metadata" / "icon-families.json").read_text(encoding="utf-8"))

    @cached_property
    def names(self) -> dict[str, str]:
        """Every icon name and alias -> the icon's name (its SVG file's)."""
        out = {}
        for name, icon in self._metadata.items():
            out[name] = name
            for alias in (icon.get("aliases") or {}).get("names") or []:
                out.setdefault(alias, name)
        return out

    @cached_property
    def codes(self) -> dict[int, str]:
        """Every icon's code point -> its name."""
        return {int(icon["unicode"], 16): name for name, icon in self._metadata.items() if icon.get("unicode")}

    def outline(self, style: str, name: str) -> Outline | None:
        """The outline of icon ``name`` (or an alias) in ``style`` ("solid", "regular"), or None."""
        svg = self.folder / "svgs" / style / f"{self.names.get(name, name)}.svg"
        if not svg.is_file():
            return None
        root = ET.parse(svg).getroot()
        _, _, width, height = (int(float(v)) for v in root.get("viewBox", "").split())
        return Outline(width, height, " ".join(p.get("d", "") for p in root.iter(f"{_SVG}path") if p.get("d")))

    def outline_by_code(self, style: str, code: int) -> Outline | None:
        return self.outline(style, self.codes[code]) if code in self.codes else None


def fontawesome(root: Path) -> FontAwesome:
    """The Font Awesome package of the book in folder ``root``."""
    return FontAwesome(Path(root) / "node_modules" / FONTAWESOME)


def _svg_url(outline: Outline) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {outline.width} {outline.height}"><path d="{outline.path}"/></svg>'
    return f'url("data:image/svg+xml,{quote(svg)}")'


# --- stylesheets (CSS is read with regular expressions: it is not HTML) ---------------------
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_VAR = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")
_PSEUDO = re.compile(r":{1,2}(?:before|after)\b")
_FA_CLASS_ONLY = re.compile(r"\.fa-[\w-]+:{1,2}(?:before|after)(?:,\.fa-[\w-]+:{1,2}(?:before|after))*")
_FA_ICON_RULE = re.compile(r'(?:\.fa-[\w-]+:{1,2}(?:before|after),?)+\{content:(?:"[^"]*"|\'[^\']*\')\}')
_FA_FONT_FACE = re.compile(r"@font-face\{[^}]*Font Awesome[^}]*\}")


def lean_theme_css(css: str) -> str:
    """The theme's stylesheet without the rules of Font Awesome's icon classes and its @font-face
    rules (20 KB of the 64 KB gzip that hold up every first paint): sco-icons.css draws the icons."""
    return _FA_FONT_FACE.sub("", _FA_ICON_RULE.sub("", css))


def _css_string(value: str) -> str | None:
    """The text of a CSS string value ("\\f05a" or the character itself), or None."""
    m = re.fullmatch(r'\s*"((?:[^"\\]|\\.)*)"\s*', value) or re.fullmatch(r"\s*'((?:[^'\\]|\\.)*)'\s*", value)
    if m is None:
        return None
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", lambda e: chr(int(e.group(1), 16)) if e.group(1) else e.group(2),
                  m.group(1))


def pseudo_icons_css(stylesheets: list[str], icons: FontAwesome) -> list[str]:
    """Rules that draw the theme's Font Awesome icons of pseudo-elements (``::after`` of an
    admonition's title, for example) as CSS masks of their outlines, so that no page needs
    Font Awesome's 150 KB webfont.

    ``stylesheets`` are the texts of the page's stylesheets, in the order a page links them.
    Every ``::before``/``::after`` rule that sets ``font: var(--fa-font-solid)`` (or a Font
    Awesome ``font-family``) draws its ``--sco-glyph`` as a mask in the current colour instead;
    every such rule that sets ``content`` to a Font Awesome character (directly or through a
    ``--pst-icon-*`` variable) gets that character's (solid) outline as ``--sco-glyph`` and an
    empty content.  Each rule is repeated with its own selector, after the original in the cascade.
    """
    texts = [re.sub(r"/\*.*?\*/", "", css, flags=re.S) for css in stylesheets]
    variables: dict[str, str] = {}
    for css in texts:
        for name, value in _CSS_VAR.findall(css):
            variables.setdefault(name, value.strip())

    def resolve(value: str, depth: int = 0) -> str | None:
        m = re.fullmatch(r"\s*var\((--[\w-]+)\)\s*", value)
        if m and depth < 10:
            return resolve(variables.get(m.group(1), ""), depth + 1)
        return _css_string(value)

    rules: list[str] = []
    glyphs: dict[int, Outline] = {}
    for css in texts:
        for selector, body in _CSS_RULE.findall(css):
            selector = " ".join(selector.split())
            if not _PSEUDO.search(selector) or selector.startswith("@") or _FA_CLASS_ONLY.fullmatch(selector):
                continue  # the icons of Font Awesome's own classes are drawn by icons_css
            decls = dict((k.strip().lower(), v.strip()) for k, v in
                         (d.split(":", 1) for d in body.split(";") if ":" in d))
            out = []
            font = decls.get("font", "") + decls.get("font-family", "")
            if "--fa-font-solid" in font or "Font Awesome" in font:
                out.append("font-family:inherit;font-weight:inherit;background-color:currentColor;"
                           "-webkit-mask:var(--sco-glyph) center/contain no-repeat;mask:var(--sco-glyph) center/contain no-repeat")
                if "width" not in decls:
                    out.append("display:inline-block;width:1em;height:1em;vertical-align:-.125em")
            text = resolve(decls["content"]) if "content" in decls else None
            if text and len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF:
                outline = glyphs.get(ord(text)) or icons.outline_by_code("solid", ord(text))
                if outline is not None:
                    glyphs[ord(text)] = outline
                    out.append(f'content:"";--sco-glyph:var(--sco-glyph-{ord(text):x})')
            if out:
                rules.append(f"{selector}{{{';'.join(out)}}}")
    if glyphs:  # each outline once
        rules.insert(0, ":root{" + ";".join(f"--sco-glyph-{c:x}:{_svg_url(glyphs[c])}" for c in sorted(glyphs)) + "}")
    return rules


# --- pages ------------------------------------------------------------------------------------
def page_icons(html: str) -> set[tuple[str, str]]:
    """(style, icon name) of every Font Awesome icon (an <i> or <span>) of one page."""
    used = set()
    for el in Page(html).elements:
        if el.tag in ("i", "span") and (styles := [ICON_STYLES[c] for c in el.classes if c in ICON_STYLES]):
            used |= {(styles[0], c[3:]) for c in el.classes if c.startswith("fa-") and c not in ICON_STYLES}
    return used


def icons_used(html_dir: Path) -> set[tuple[str, str]]:
    """(style, icon name) of every Font Awesome icon the built pages show."""
    used = set()
    for page in html_dir.rglob("*.html"):
        used |= page_icons(page.read_text(encoding="utf-8", errors="replace"))
    return used


def icons_css(used: set[tuple[str, str]], icons: FontAwesome) -> str:
    """A stylesheet that draws each used icon as a CSS mask of its outline, in the text's colour."""
    rules = [
        f"/* Written by tools/sphinx_ext/icons.py from the outlines of npm's {FONTAWESOME} (Font Awesome Free, CC BY 4.0 icons). */",
        ":is(i,span):is(.fa-solid,.fas,.fa-regular,.far){font-family:inherit}",
        ":is(i,span):is(.fa-solid,.fas,.fa-regular,.far)::before{content:\"\";display:inline-block;height:1em;width:var(--sco-icon-w,1em);"
        "vertical-align:-.125em;background-color:currentColor;-webkit-mask:var(--sco-icon) center/contain no-repeat;"
        "mask:var(--sco-icon) center/contain no-repeat}",
    ]
    for style, name in sorted(used):
        outline = icons.outline(style, name)
        if outline is None:  # a modifier (fa-lg, fa-fw...), not an icon
            continue
        selector = ",".join(f":is(i,span).{prefix}.fa-{name}" for prefix, s in ICON_STYLES.items() if s == style)
        rules.append(f'{selector}{{--sco-icon:{_svg_url(outline)};--sco-icon-w:{outline.width / outline.height:.4g}em}}')
    return "\n".join(rules) + "\n"


def page_stylesheets(html_dir: Path) -> list[Path]:
    """The book's own and its extensions' stylesheets, in the order the landing page links them."""
    index = html_dir / "index.html"
    if not index.exists():
        return []
    links = Page(index.read_text(encoding="utf-8")).find_all("link", href=True)
    hrefs = [src_path(link.get("href")) for link in links if "stylesheet" in (link.get("rel") or "").split()]
    found = []
    for href in dict.fromkeys(hrefs):
        path = html_dir / href
        if path.suffix == ".css" and path.is_file() and path.name != ICONS_CSS and "vendor" not in path.parts:
            found.append(path)
    return found


def write_icons_css(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    icons = fontawesome(Path(app.srcdir))
    outdir = Path(app.outdir)
    theme_css = outdir / THEME_CSS
    if theme_css.is_file():
        (outdir / LEAN_THEME_CSS).write_text(lean_theme_css(theme_css.read_text(encoding="utf-8")), encoding="utf-8")
    pseudo = pseudo_icons_css([p.read_text(encoding="utf-8") for p in page_stylesheets(outdir)], icons)
    css = icons_css(icons_used(outdir), icons)
    css += "/* The icons of pseudo-elements (admonition titles...), without Font Awesome's webfont. */\n"
    (outdir / "_static" / ICONS_CSS).write_text(css + "\n".join(pseudo) + "\n", encoding="utf-8")


def check_icons(app: Sphinx) -> None:
    """Fail early, with the fix in the message, when Font Awesome's npm package is missing."""
    if app.builder.format == "html":
        fontawesome(Path(app.srcdir))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_icons)
    app.connect("build-finished", write_icons_css)
    app.add_css_file(ICONS_CSS)
