"""The instructors' guide: every exercise of the chapters, with its learning outcome and solution.

``instructors.md`` shows it with ``guide.instructor_guide()``; it reads the chapters'
notebooks (the exercise directives and the cells tagged ``solution``) and the
learning outcomes registered in ``helpers/exercise_bank.py``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from helpers import data
from helpers.exercise_bank import REGISTRY, SOURCE_OUTCOMES
from tools import notebooks as nbfiles
from tools.sphinx_ext import chapter_number
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
    tools/sphinx_ext.py numbers them)."""
    rows = []
    for nb_path in nbfiles.chapters(chapters_dir):
        nb = nbfiles.read(nb_path)
        heading = next((m for c in nb.cells if c.cell_type == "markdown" for m in re.findall(r"^# (.+)$", c.source, re.M)), None)
        chapter_title = heading or nb_path.stem
        chapter = chapter_number(f"chapters/{nb_path.stem}")
        current = None
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "{exercise}" in cell.source:
                title = _EXERCISE_RE.search(cell.source)
                label = _LABEL_RE.search(cell.source)
                current = {"label": label.group(1) if label else "", "title": title.group(1).strip() if title else "",
                           "page": nb_path.stem, "chapter": chapter_title, "solution": [],
                           "checks": re.findall(r'check\("([^"]+)"', cell.source),
                           "number": f"{chapter}.{sum(r['page'] == nb_path.stem for r in rows) + 1}" if chapter else ""}
                rows.append(current)
            elif current is not None and SOLUTION_TAG in cell.metadata.get("tags", []):
                current["solution"].append(cell.source)
            if current is not None and cell.cell_type == "code":
                current["checks"] += re.findall(r'check\(\s*"([^"]+)"', cell.source)
    return pd.DataFrame(rows, columns=["label", "title", "page", "chapter", "solution", "checks", "number"])


def instructor_guide() -> "InstructorGuide":
    return InstructorGuide(notebook_exercises())


class InstructorGuide:
    def __init__(self, table: pd.DataFrame):
        self.table = table

    def _repr_html_(self) -> str:
        parts = []
        for (page, chapter), group in self.table.groupby(["page", "chapter"], sort=True):
            parts.append(f"<h3>{html.escape(chapter)}</h3><ul class=\"sco-exercise-list\">")
            for r in group.itertuples():
                served = outcomes(r.label, r.checks)
                solution = "\n\n".join(s for s in r.solution)
                parts.append(
                    f'<li><a href="chapters/{html.escape(page)}.html#{html.escape(r.label)}">'
                    f'{html.escape(f"Exercise {r.number}: " if r.number else "")}{html.escape(r.title or r.label)}</a>'
                    + (f"<p><strong>Learning outcome:</strong> {html.escape('; '.join(served))}</p>" if served else "")
                    + f"<details><summary>Solution</summary><pre>{html.escape(solution)}</pre></details></li>"
                )
            parts.append("</ul>")
        return "".join(parts)


def _correct(question: dict) -> str:
    """The correct answer(s) of a quiz question, as plain text."""
    right = [a for a in question.get("answers", []) if a.get("correct")]
    if question.get("type") == "numeric":
        return "; ".join(
            str(a["value"]) if a.get("type") == "value" else f"from {a['range'][0]} to {a['range'][1]}" for a in right
        )
    return " | ".join(str(a.get("answer", "")) for a in right)


def quiz_key(chapters: list[str] | None = None) -> "QuizKey":
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
                kind = {"many_choice": " (several answers: all of these)"}.get(q.get("type"), "")
                parts.append(f"<tr><td>{i}</td><td>{html.escape(str(q['question']))}</td>"
                             f"<td>{html.escape(_correct(q))}{kind}</td></tr>")
            parts.append("</tbody></table>")
        return "".join(parts)
