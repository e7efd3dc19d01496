"""The instructors' guide: every exercise of the chapters, with its learning outcome and solution.

``instructors.md`` shows it with ``guide.instructor_guide()``; it reads the chapters'
notebooks (the exercise directives and the cells tagged ``solution``) and the
learning outcomes registered in ``helpers/exercise_bank.py``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import data
from helpers.exercise_bank import REGISTRY, SOURCE_OUTCOMES
from tools import notebooks as nbfiles
from tools.sphinx_ext.numbering import chapter_number
from tools.student import SOLUTION_TAG

CHAPTERS_DIR = data.ROOT / "chapters"


def outcomes(label: str, checks: list[str]) -> list[str]:
    """The learning outcomes an exercise serves: those of its checks, or its registered source outcome."""
    found = sorted({REGISTRY[c].outcome for c in set(checks) if c in REGISTRY})
    if label in SOURCE_OUTCOMES:
        found.append(SOURCE_OUTCOMES[label])
    return found


_LABEL_RE = re.compile(r":label:\s*(\S+)")
_EXERCISE_RE = re.compile(r"^:::+\{exercise\}\s*(.*)$", re.M)


def notebook_exercises(chapters_dir: Path = CHAPTERS_DIR) -> pd.DataFrame:
    """Every exercise in the chapters: label, title, chapter page, its solution text, and its
    number as the chapter page shows it ("3.2": the second exercise of chapters/03_..., as
    tools/sphinx_ext/numbering.py numbers them)."""
    rows: list[dict[str, Any]] = []
    for nb_path in nbfiles.chapters(chapters_dir):
        nb = nbfiles.read(nb_path)
        heading = next((m for c in nb.cells if c.cell_type == "markdown" for m in re.findall(r"^# (.+)$", c.source, re.M)), None)
        chapter_title = heading or nb_path.stem
        chapter = chapter_number(f"chapters/{nb_path.stem}")
        current: dict[str, Any] | None = None
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "{exercise}" in cell.source:
                title = _EXERCISE_RE.search(cell.source)
                label = _LABEL_RE.search(cell.source)
                current = {"label": label.group(1) if label else "", "title": title.group(1).strip() if title else "",
                           "page": nb_path.stem, "chapter": chapter_title, "solution": [], "cells": [],
                           "checks": re.findall(r'check\("([^"]+)"', cell.source),
                           "number": f"{chapter}.{sum(r['page'] == nb_path.stem for r in rows) + 1}" if chapter else ""}
                rows.append(current)
            elif current is not None and SOLUTION_TAG in cell.metadata.get("tags", []):
                current["solution"].append(cell.source)
                current["cells"].append((cell.cell_type, cell.source))
            if current is not None and cell.cell_type == "code":
                current["checks"] += re.findall(r'check\(\s*"([^"]+)"', cell.source)
    return pd.DataFrame(rows, columns=["label", "title", "page", "chapter", "solution", "checks", "number", "cells"])


def instructor_guide() -> InstructorGuide:
    return InstructorGuide(notebook_exercises())


#: A markdown solution's directive: its first line, its options, its closing fence.
_SOLUTION_DIRECTIVE = re.compile(r"^\s*(:{3,}|`{3,})\{solution\}[^\n]*\n((?:[ \t]*:[\w-]+:[^\n]*\n)*)(.*?)\n?\1\s*$", re.S)
_WRAPPER = re.compile(r"^\s*:{3,}\{solution-(?:start|end)\}")


def solution_markdown(cells: list[tuple[str, str]]) -> str:
    """An exercise's solution cells, ``(cell type, source)``, as MyST Markdown to render: a
    markdown solution's body without its directive, a code cell as a Python code block, the
    start/end wrappers dropped. A heading in a markdown answer becomes a bold line (a heading
    cannot stand inside a notebook's output)."""
    parts = []
    for kind, source in cells:
        if kind == "code":
            fence = "````" if "```" in source else "```"
            parts.append(f"{fence}python\n{source.strip()}\n{fence}")
            continue
        if _WRAPPER.match(source):
            continue
        m = _SOLUTION_DIRECTIVE.match(source)
        body = (m.group(3) if m else source).strip()
        body = _DOC_ROLE.sub(_from_the_root, body)
        parts.append(re.sub(r"^#{1,6}\s+(.+)$", r"**\1**", body, flags=re.M))
    return "\n\n".join(p for p in parts if p)


#: A ``{doc}`` role: ``{doc}`name``` or ``{doc}`title <name>```.
_DOC_ROLE = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`<>]+))`")


def _from_the_root(m: re.Match) -> str:
    """A chapter's ``{doc}`` link, written relative to ``chapters/``, made absolute: the guide shows
    the answer on the instructors' page, at the top of the book, where a relative name misses."""
    title, target = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(3))
    if not target.startswith("/") and "/" not in target:
        target = f"/chapters/{target}"
    return f"{{doc}}`{title} <{target}>`" if title else f"{{doc}}`{target}`"


class InstructorGuide:
    """Every exercise with its outcome and its solution, as MyST Markdown (a notebook output
    that myst-nb renders as formatted text when the cell asks for ``render_markdown_format:
    myst``): code as highlighted code blocks, model answers as paragraphs with their citations."""

    def __init__(self, table: pd.DataFrame):
        self.table = table

    def markdown(self) -> str:
        parts = []
        for (page, chapter), group in self.table.groupby(["page", "chapter"], sort=True):
            parts.append(f"**{_md_escape(chapter)}**")
            for r in group.itertuples():
                served = outcomes(r.label, r.checks)
                name = f"Exercise {r.number}: {r.title or r.label}" if r.number else (r.title or r.label)
                title = re.sub(r"[`<>]", "", name)
                block = [f"{{ref}}`{title} <{r.label}>`" if r.label else _md_escape(name)]
                if served:
                    block.append(f"*Learning outcome:* {_md_escape('; '.join(served))}")
                kind = "assessed (model answer for marking)" if r.label in SOURCE_OUTCOMES else "practice (worked solution, also in the public book)"
                block.append(f"*Kind:* {kind}")
                parts.append("\n\n".join(block))
                parts.append("::::::{admonition} " + ("Model answer" if r.label in SOURCE_OUTCOMES else "Solution")
                             + "\n:class: sco-guide-solution\n\n" + (solution_markdown(r.cells) or "(none)") + "\n::::::")
        return "\n\n".join(parts) + "\n"

    def _repr_markdown_(self) -> str:
        return self.markdown()


def _md_escape(text: str) -> str:
    """Plain text for a MyST paragraph: no markup, role or link can start in it."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", str(text))


# ---------------------------------------------------------------------------
# Learning outcomes -> exercises and assessments (the table of the instructors' page)
# ---------------------------------------------------------------------------
#: How each kind of task is assessed in the unit (see the grading scheme of instructors.md).
HOW = {"code": "practice: the checker's feedback; counted for completion",
       "source": "assessed: marked with its rubric (0–3 per criterion)",
       "capstone": "assessed: the capstone essay, marked with its rubric",
       "quiz": "quiz: self-check in the book; marked when run in the LMS (make lms)"}


def outcomes_rows(table: pd.DataFrame | None = None) -> list[dict]:
    """One row per learning outcome the exercises register: chapter, outcome, the exercises
    that test it (number, title, page, label), the kind of task, how it is assessed; and
    one row per chapter quiz."""
    table = notebook_exercises() if table is None else table
    rows: dict[tuple, dict] = {}
    for r in table.itertuples():
        chapter = chapter_number(f"chapters/{r.page}")
        if r.label in SOURCE_OUTCOMES:
            task = "capstone" if "capstone" in r.label else "source"
        else:
            task = "code"
        for outcome in outcomes(r.label, r.checks):
            row = rows.setdefault((chapter, outcome, task), {"chapter": chapter, "outcome": outcome, "task": task,
                                                              "how": HOW[task], "exercises": []})
            row["exercises"].append({"number": r.number, "title": r.title or r.label, "page": r.page, "label": r.label})
    out = sorted(rows.values(), key=lambda row: (row["chapter"] or 0, ["code", "source", "capstone"].index(row["task"]),
                                                 row["exercises"][0]["number"]))
    quizzes = {p.stem: p for p in (data.DATA_DIR / "quizzes").glob("*.json")}
    pages = {chapter_number(f"chapters/{p}"): p for p in table["page"].unique()}
    for chapter, page in sorted(pages.items(), key=lambda kv: kv[0] or 0):
        if f"ch{chapter}" in quizzes:
            n = len(data.read_quiz(quizzes[f"ch{chapter}"]))
            out.append({"chapter": chapter, "outcome": f"Recall and read closely the facts and arguments of chapter {chapter}",
                        "task": "quiz", "how": HOW["quiz"],
                        "exercises": [{"number": "", "title": f"Chapter {chapter} quiz ({n} questions)", "page": page, "label": ""}]})
    return sorted(out, key=lambda row: (row["chapter"] or 0, ["code", "source", "capstone", "quiz"].index(row["task"])))


def outcomes_table() -> OutcomesTable:
    return OutcomesTable(outcomes_rows())


class OutcomesTable:
    def __init__(self, rows: list[dict]):
        self.rows = rows

    def _repr_html_(self) -> str:
        head = ("<table class=\"sco-table sco-outcomes\"><caption>Learning outcomes, the exercises that test them, "
                "and how each is assessed</caption><thead><tr><th>Week</th><th>Learning outcome</th>"
                "<th>Exercises</th><th>How it is assessed</th></tr></thead><tbody>")
        body = []
        for row in self.rows:
            links = []
            for ex in row["exercises"]:
                text = f"Exercise {ex['number']}: {ex['title']}" if ex["number"] else ex["title"]
                anchor = f"#{ex['label']}" if ex["label"] else ""
                links.append(f'<a href="chapters/{html.escape(ex["page"])}.html{html.escape(anchor)}">{html.escape(text)}</a>')
            week = row["chapter"] if row["chapter"] and row["chapter"] <= 6 else "6"
            body.append(f"<tr><td>{week}</td><td>{html.escape(row['outcome'])}</td><td>{'<br>'.join(links)}</td>"
                        f"<td>{html.escape(row['how'])}</td></tr>")
        return head + "".join(body) + "</tbody></table>"


def _correct(question: dict) -> str:
    """The correct answer(s) of a quiz question, as plain text."""
    right = [a for a in question.get("answers", []) if a.get("correct")]
    if question.get("type") == "numeric":
        return "; ".join(
            str(a["value"]) if a.get("type") == "value" else f"from {a['range'][0]} to {a['range'][1]}" for a in right
        )
    return " | ".join(str(a.get("answer", "")) for a in right)


def quiz_key(chapters: list[str] | None = None) -> QuizKey:
    """The answer key of the quizzes (``data/quizzes/chN.json``): each question and its correct answer(s) only."""
    names = chapters or sorted(p.stem for p in (data.DATA_DIR / "quizzes").glob("*.json"))
    return QuizKey({name: data.read_quiz(data.DATA_DIR / "quizzes" / f"{name}.json") for name in names})


class QuizKey:
    def __init__(self, quizzes: dict[str, list[dict]]):
        self.quizzes = quizzes

    def rows(self) -> list[tuple[str, int, str, str]]:
        return [(name, i, str(q["question"]), _correct(q))
                for name, questions in self.quizzes.items() for i, q in enumerate(questions, 1)]

    def _repr_html_(self) -> str:
        parts = []
        for name, questions in self.quizzes.items():
            number = name.removeprefix("ch")
            parts.append(f'<p class="sco-label">Chapter {html.escape(number)} quiz</p>'
                         '<table class="sco-table sco-quiz-key"><thead><tr><th>No.</th><th>Question</th>'
                         "<th>Correct answer</th></tr></thead><tbody>")
            for i, q in enumerate(questions, 1):
                kind = {"many_choice": " (several answers: all of these)"}.get(str(q.get("type")), "")
                parts.append(f"<tr><td>{i}</td><td>{html.escape(str(q['question']))}</td>"
                             f"<td>{html.escape(_correct(q))}{kind}</td></tr>")
            parts.append("</tbody></table>")
        return "".join(parts)
