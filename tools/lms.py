"""The quizzes for learning-management systems: Moodle XML and IMS QTI 1.2 (as Canvas imports it).

    python -m tools.lms            (or: make lms)

reads every quiz of ``data/quizzes/`` (checked by :func:`helpers.data.read_quiz`; a new
chapter's quiz is picked up by itself) and writes to ``_build/lms/``:

* ``sco-quizzes-moodle.xml``: one Moodle XML file, a question category per chapter
  ("SCO module/Chapter N quiz"). Moodle: *Question bank → Import → Moodle XML format*.
  ``multiple_choice`` becomes a single-answer ``multichoice`` (the right answer 100 %),
  ``many_choice`` a multiple-answer ``multichoice`` (each right answer 100/n %, each wrong
  one −100/n %, n the number of right answers), ``numeric`` a ``numerical`` question whose
  answers keep their order (Moodle grades the first that matches): a value with tolerance 0,
  a range ``[a, b]`` as its midpoint with tolerance (b − a)/2.
* ``sco-quizzes-qti.zip``: an IMS content package of **QTI 1.2** assessments, one per chapter,
  with an ``imsmanifest.xml``, in the dialect Canvas writes and reads (the ``question_type``
  field of each item: ``multiple_choice_question``, ``multiple_answers_question``,
  ``numerical_question``). Canvas: *Settings → Import course content → QTI .zip file*.
  Blackboard and D2L read the same QTI 1.2 items.

Every choice keeps its own feedback. Quiz text is plain text (the data refuse markup); it is
written HTML-escaped, so no string of the data becomes markup in an LMS either.

The instructors' edition of the book (``make instructors``) offers both files for download
on its instructors' page; the public book does not, since they carry the answer key.
"""

from __future__ import annotations

import html
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from helpers import data

ROOT = Path(__file__).resolve().parent.parent
QUIZ_DIR = ROOT / "data" / "quizzes"
OUT = ROOT / "_build" / "lms"
MOODLE = "sco-quizzes-moodle.xml"
QTI = "sco-quizzes-qti.zip"
#: The category (Moodle) and the title prefix (QTI) of every exported question.
COURSE = "SCO module"

QTI_TYPES = {"multiple_choice": "multiple_choice_question", "many_choice": "multiple_answers_question",
             "numeric": "numerical_question"}


def quizzes(folder: Path = QUIZ_DIR) -> dict[str, list[dict]]:
    """Every quiz, by name ("ch1"...), in chapter order."""
    def order(path: Path) -> tuple[int, str]:
        digits = "".join(c for c in path.stem if c.isdigit())
        return (int(digits) if digits else 10**6, path.stem)

    return {p.stem: data.read_quiz(p) for p in sorted(folder.glob("*.json"), key=order)}


def title(name: str) -> str:
    return f"Chapter {name.removeprefix('ch')} quiz" if name.removeprefix("ch").isdigit() else f"{name} quiz"


def as_html(text: str) -> str:
    """Plain text as the HTML an LMS shows: escaped, paragraphs kept."""
    return "<br>".join(html.escape(str(text), quote=False).splitlines())


def fraction(value: float) -> str:
    """A Moodle grade fraction: Moodle accepts only certain percentages (100, 50, 33.33333...)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _range(answer: dict) -> tuple[float, float]:
    if answer.get("type") == "range":
        low, high = answer["range"]
        return float(low), float(high)
    return float(answer["value"]), float(answer["value"])


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


# ---------------------------------------------------------------------------
# Moodle XML
# ---------------------------------------------------------------------------
def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def moodle_fractions(question: dict) -> list[float]:
    """The grade fraction (percent) of each answer, in order."""
    answers = question["answers"]
    right = sum(bool(a.get("correct")) for a in answers)
    if question["type"] == "many_choice":
        return [100 / right if a.get("correct") else -100 / right for a in answers]
    return [100.0 if a.get("correct") else 0.0 for a in answers]


def moodle_xml(quizzes: dict[str, list[dict]]) -> bytes:
    root = ET.Element("quiz")
    for name, questions in quizzes.items():
        cat = ET.SubElement(root, "question", {"type": "category"})
        ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/{COURSE}/{title(name)}"
        for number, q in enumerate(questions, 1):
            kind = q["type"]
            el = ET.SubElement(root, "question", {"type": "numerical" if kind == "numeric" else "multichoice"})
            ET.SubElement(ET.SubElement(el, "name"), "text").text = f"{title(name)}, question {number}"
            _text(el, "questiontext", as_html(q["question"]))
            _text(el, "generalfeedback", "")
            ET.SubElement(el, "defaultgrade").text = "1"
            ET.SubElement(el, "penalty").text = "0"
            ET.SubElement(el, "hidden").text = "0"
            ET.SubElement(el, "idnumber").text = f"{name}-q{number}"
            for answer, frac in zip(q["answers"], moodle_fractions(q)):
                if kind == "numeric":
                    low, high = _range(answer)
                    a = ET.SubElement(el, "answer", {"fraction": fraction(frac)})
                    ET.SubElement(a, "text").text = _number((low + high) / 2)
                    ET.SubElement(a, "tolerance").text = _number((high - low) / 2)
                else:
                    a = _text(el, "answer", as_html(answer["answer"]))
                    a.set("fraction", fraction(frac))
                _text(a, "feedback", as_html(answer["feedback"]))
            if kind == "numeric":
                ET.SubElement(el, "unitgradingtype").text = "0"
                ET.SubElement(el, "showunits").text = "3"
                ET.SubElement(el, "unitsleft").text = "0"
            else:
                ET.SubElement(el, "single").text = "true" if kind == "multiple_choice" else "false"
                ET.SubElement(el, "shuffleanswers").text = "0"
                ET.SubElement(el, "answernumbering").text = "abc"
                for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
                    _text(el, tag, "")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


# ---------------------------------------------------------------------------
# IMS QTI 1.2 (Canvas)
# ---------------------------------------------------------------------------
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"


def _mattext(parent: ET.Element, text: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": "text/html"}).text = as_html(text)


def _field(parent: ET.Element, label: str, entry: str) -> None:
    f = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(f, "fieldlabel").text = label
    ET.SubElement(f, "fieldentry").text = entry


def qti_assessment(name: str, questions: list[dict]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(root, "assessment", {"ident": f"sco-{name}", "title": f"{COURSE}: {title(name)}"})
    meta = ET.SubElement(ET.SubElement(assessment, "qtimetadata"), "qtimetadatafield")
    ET.SubElement(meta, "fieldlabel").text = "cc_maxattempts"
    ET.SubElement(meta, "fieldentry").text = "1"
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for number, q in enumerate(questions, 1):
        ident = f"sco-{name}-q{number}"
        item = ET.SubElement(section, "item", {"ident": ident, "title": f"Question {number}"})
        fields = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        _field(fields, "question_type", QTI_TYPES[q["type"]])
        _field(fields, "points_possible", "1.0")
        presentation = ET.SubElement(item, "presentation")
        _mattext(presentation, q["question"])
        answers = q["answers"]
        ids = [f"{ident}-a{i}" for i in range(1, len(answers) + 1)]
        if q["type"] == "numeric":
            resp = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
            ET.SubElement(ET.SubElement(resp, "render_fib", {"fibtype": "Decimal"}), "response_label", {"ident": "answer1"})
        else:
            card = "Single" if q["type"] == "multiple_choice" else "Multiple"
            resp = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": card})
            choices = ET.SubElement(resp, "render_choice")
            for aid, a in zip(ids, answers):
                _mattext(ET.SubElement(choices, "response_label", {"ident": aid}), a["answer"])
        processing = ET.SubElement(item, "resprocessing")
        ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar",
                      {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
        # feedback of each choice (its condition sets no score)
        if q["type"] != "numeric":
            for aid in ids:
                cond = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
                ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", {"respident": "response1"}).text = aid
                ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{aid}_fb"})
        if q["type"] == "multiple_choice":
            right = ids[next(i for i, a in enumerate(answers) if a.get("correct"))]
            cond = ET.SubElement(processing, "respcondition", {"continue": "No"})
            ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", {"respident": "response1"}).text = right
            ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
        elif q["type"] == "many_choice":  # all the right ones and none of the wrong ones
            cond = ET.SubElement(processing, "respcondition", {"continue": "No"})
            conj = ET.SubElement(ET.SubElement(cond, "conditionvar"), "and")
            for aid, a in zip(ids, answers):
                target = conj if a.get("correct") else ET.SubElement(conj, "not")
                ET.SubElement(target, "varequal", {"respident": "response1"}).text = aid
            ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
        else:  # numeric: in order, the first that matches gives its score and feedback
            for aid, a in zip(ids, answers):
                low, high = _range(a)
                cond = ET.SubElement(processing, "respcondition", {"continue": "No"})
                var = ET.SubElement(cond, "conditionvar")
                if a.get("type") == "range":
                    both = ET.SubElement(var, "and")
                    ET.SubElement(both, "vargte", {"respident": "response1"}).text = _number(low)
                    ET.SubElement(both, "varlte", {"respident": "response1"}).text = _number(high)
                else:
                    ET.SubElement(var, "varequal", {"respident": "response1"}).text = _number(low)
                ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100" if a.get("correct") else "0"
                ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{aid}_fb"})
        for aid, a in zip(ids, answers):
            fb = ET.SubElement(item, "itemfeedback", {"ident": f"{aid}_fb"})
            _mattext(ET.SubElement(fb, "flow_mat"), a["feedback"])
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def qti_manifest(names: list[str]) -> bytes:
    root = ET.Element("manifest", {"identifier": "sco-quizzes", "xmlns": CP_NS})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for name in names:
        res = ET.SubElement(resources, "resource", {"identifier": f"sco-{name}", "type": "imsqti_xmlv1p2",
                                                    "href": f"sco-{name}/sco-{name}.xml"})
        ET.SubElement(res, "file", {"href": f"sco-{name}/sco-{name}.xml"})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def write(out: Path = OUT, folder: Path = QUIZ_DIR) -> list[Path]:
    found = quizzes(folder)
    if not found:
        raise SystemExit(f"no quiz in {folder}")
    out.mkdir(parents=True, exist_ok=True)
    (out / MOODLE).write_bytes(moodle_xml(found))
    with zipfile.ZipFile(out / QTI, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", qti_manifest(list(found)))
        for name, questions in found.items():
            z.writestr(f"sco-{name}/sco-{name}.xml", qti_assessment(name, questions))
    return [out / MOODLE, out / QTI]


def main(argv: list[str] | None = None) -> int:
    written = write()
    n = sum(len(q) for q in quizzes().values())
    for path in written:
        print(f"{path.relative_to(ROOT)}: {n} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
