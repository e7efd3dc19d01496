"""Dump, or compare, the visible text of every page of the built book.

    python -m tools.pagetext dump _build/html before.json
    python -m tools.pagetext compare before.json _build/html

A refactoring that must leave the pages as they were (a change of file format, a module
split) is checked by dumping the text before the change and comparing after it. The
text is what a reader sees: the page's article and navigation, without scripts, styles,
hidden widget state, or the build's own volatile names (hashes of map files).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

#: Elements whose text a reader never sees.
_INVISIBLE = ("script", "style", "noscript", "template")


def page_text(html: str) -> str:
    """The visible text of one page, one block per line, white space folded."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    text = soup.get_text("\n")
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def dump(html_dir: Path) -> dict[str, str]:
    """The text of every page below ``html_dir``, keyed by its path."""
    return {str(p.relative_to(html_dir)): page_text(p.read_text(encoding="utf-8"))
            for p in sorted(html_dir.rglob("*.html"))
            if "_static" not in p.parts and "_sources" not in p.parts}


def compare(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """A unified diff of the pages whose text changed, and the pages added or removed."""
    out = []
    for page in sorted(before.keys() | after.keys()):
        if page not in after:
            out.append(f"removed: {page}")
        elif page not in before:
            out.append(f"added: {page}")
        elif before[page] != after[page]:
            out.extend(difflib.unified_diff(before[page].splitlines(), after[page].splitlines(),
                                            f"before/{page}", f"after/{page}", lineterm="", n=1))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "dump":
        Path(argv[2]).write_text(json.dumps(dump(Path(argv[1])), ensure_ascii=False, indent=1), encoding="utf-8")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        before = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        changes = compare(before, dump(Path(argv[2])))
        print("\n".join(changes) if changes else f"the visible text of all {len(before)} pages is unchanged")
        return 1 if changes else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
