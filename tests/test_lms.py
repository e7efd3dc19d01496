"""The quizzes exported for learning-management systems (tools/lms.py): each export is parsed
and checked against data/quizzes/: every question, every choice, which are right, each
choice's feedback, and the numbers and ranges of the numeric questions.

The QTI items are checked by *grading* them: a small evaluator of QTI 1.2 response processing
(below) answers each item as a student would, and the score and the feedback it gets must be
those the quiz data give."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tools import lms

QUIZZES = lms.quizzes()
Q = "{%s}" % lms.QTI_NS
CP = "{%s}" % lms.CP_NS


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    lms.write(out)
    return out


def _plain(markup: str | None) -> str:
    return html.unescape((markup or "").replace("<br>", "\n"))


def test_every_quiz_is_exported():
    names = sorted(p.stem for p in lms.QUIZ_DIR.glob("*.json"))
    assert sorted(QUIZZES) == names and len(names) >= 6


# ---------------------------------------------------------------------------
# Moodle XML
# ---------------------------------------------------------------------------
def test_moodle_xml_holds_every_question_answer_and_feedback(exports):
    root = ET.parse(exports / lms.MOODLE).getroot()
    assert root.tag == "quiz"
    items = list(root)
    expected_count = sum(len(q) + 1 for q in QUIZZES.values())  # a category before each quiz
    assert len(items) == expected_count
    it = iter(items)
    for name, questions in QUIZZES.items():
        cat = next(it)
        assert cat.get("type") == "category" and cat.findtext("category/text").endswith(lms.title(name))
        for number, q in enumerate(questions, 1):
            el = next(it)
            assert el.findtext("idnumber") == f"{name}-q{number}"
            assert _plain(el.findtext("questiontext/text")) == q["question"]
            answers = el.findall("answer")
            assert len(answers) == len(q["answers"])
            fracs = [float(a.get("fraction")) for a in answers]
            for a, want in zip(answers, q["answers"]):
                assert _plain(a.findtext("feedback/text")) == want["feedback"]
            if q["type"] == "numeric":
                assert el.get("type") == "numerical"
                for a, want, frac in zip(answers, q["answers"], fracs):
                    mid, tol = float(a.findtext("text")), float(a.findtext("tolerance"))
                    low, high = (want["range"] if want["type"] == "range" else (want["value"], want["value"]))
                    assert (mid - tol, mid + tol) == pytest.approx((low, high)), (name, number)
                    assert (frac == 100) == bool(want["correct"])
            else:
                assert el.get("type") == "multichoice"
                assert [_plain(a.findtext("text")) for a in answers] == [a["answer"] for a in q["answers"]]
                single = el.findtext("single")
                if q["type"] == "multiple_choice":
                    assert single == "true"
                    assert [f == 100 for f in fracs] == [bool(a["correct"]) for a in q["answers"]]
                else:
                    assert single == "false"
                    assert [f > 0 for f in fracs] == [bool(a["correct"]) for a in q["answers"]]
                    assert sum(f for f in fracs if f > 0) == pytest.approx(100, abs=0.01)


MOODLE_FRACTIONS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                    14.28571, 12.5, 11.11111, 10, 5, 0}


def test_moodle_fractions_are_ones_moodle_accepts(exports):
    root = ET.parse(exports / lms.MOODLE).getroot()
    for a in root.iter("answer"):
        assert abs(float(a.get("fraction"))) in MOODLE_FRACTIONS, a.get("fraction")


# ---------------------------------------------------------------------------
# QTI 1.2 (Canvas): the package, and each item graded by an evaluator
# ---------------------------------------------------------------------------
def _holds(cond: ET.Element, response) -> bool:
    """Evaluate a QTI 1.2 condition for a response (a set of choice ids, or a number)."""
    tag = cond.tag.removeprefix(Q)
    if tag in ("conditionvar", "and"):
        return all(_holds(c, response) for c in cond)
    if tag == "or":
        return any(_holds(c, response) for c in cond)
    if tag == "not":
        return not all(_holds(c, response) for c in cond)
    if tag == "varequal":
        return cond.text in response if isinstance(response, set) else float(cond.text) == response
    if tag == "vargte":
        return response >= float(cond.text)
    if tag == "varlte":
        return response <= float(cond.text)
    raise AssertionError(f"unexpected QTI condition {tag}")


def grade(item: ET.Element, response) -> tuple[float, list[str]]:
    """The score and the feedback texts a QTI 1.2 item gives ``response``."""
    score, feedback = 0.0, []
    fb_text = {f.get("ident"): _plain(f.findtext(f"{Q}flow_mat/{Q}material/{Q}mattext")) for f in item.iter(f"{Q}itemfeedback")}
    for cond in item.find(f"{Q}resprocessing").findall(f"{Q}respcondition"):
        if _holds(cond.find(f"{Q}conditionvar"), response):
            for s in cond.findall(f"{Q}setvar"):
                score = float(s.text) if s.get("action") == "Set" else score + float(s.text)
            feedback += [fb_text[d.get("linkrefid")] for d in cond.findall(f"{Q}displayfeedback")]
            if cond.get("continue") == "No":
                break
    return score, feedback


def test_qti_package_has_a_manifest_naming_every_assessment(exports):
    with zipfile.ZipFile(exports / lms.QTI) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"] * len(QUIZZES)
        hrefs = [r.get("href") for r in resources]
        assert set(hrefs) <= set(z.namelist()) and len(hrefs) == len(QUIZZES)


@pytest.mark.parametrize("name", list(QUIZZES))
def test_qti_items_grade_and_give_feedback_as_the_quiz_data_say(exports, name):
    questions = QUIZZES[name]
    with zipfile.ZipFile(exports / lms.QTI) as z:
        root = ET.fromstring(z.read(f"sco-{name}/sco-{name}.xml"))
    items = root.findall(f"{Q}assessment/{Q}section/{Q}item")
    assert len(items) == len(questions)
    for item, q in zip(items, questions):
        fields = {f.findtext(f"{Q}fieldlabel"): f.findtext(f"{Q}fieldentry") for f in item.iter(f"{Q}qtimetadatafield")}
        assert fields["question_type"] == lms.QTI_TYPES[q["type"]]
        assert _plain(item.findtext(f"{Q}presentation/{Q}material/{Q}mattext")) == q["question"]
        answers = q["answers"]
        if q["type"] == "numeric":
            assert item.find(f"{Q}presentation/{Q}response_str/{Q}render_fib").get("fibtype") == "Decimal"
            for a in answers:
                probe = a["value"] if a["type"] == "value" else (a["range"][0] + a["range"][1]) / 2
                # what jupyterquiz says for that number: the first answer that matches, in order
                first = next(b for b in answers if (b["type"] == "value" and b["value"] == probe)
                             or (b["type"] == "range" and b["range"][0] <= probe <= b["range"][1]))
                score, fb = grade(item, float(probe))
                assert score == (100 if first["correct"] else 0), (name, q["question"], probe)
                assert fb == [first["feedback"]]
            continue
        labels = item.findall(f"{Q}presentation/{Q}response_lid/{Q}render_choice/{Q}response_label")
        assert [_plain(lab.findtext(f"{Q}material/{Q}mattext")) for lab in labels] == [a["answer"] for a in answers]
        ids = [lab.get("ident") for lab in labels]
        for aid, a in zip(ids, answers):  # each choice alone: its own feedback
            score, fb = grade(item, {aid})
            assert a["feedback"] in fb
            if q["type"] == "multiple_choice":
                assert score == (100 if a["correct"] else 0)
        if q["type"] == "many_choice":
            right = {aid for aid, a in zip(ids, answers) if a["correct"]}
            assert grade(item, right)[0] == 100
            for aid in ids:  # one choice too many or too few: not full marks
                assert grade(item, right ^ {aid})[0] == 0


def test_exports_escape_markup(tmp_path):
    """A quiz string that looks like markup stays text in both exports."""
    folder = tmp_path / "quizzes"
    folder.mkdir()
    quiz = [{"question": "Which is right? 1 < 2 & 3 > 2", "type": "multiple_choice",
             "answers": [{"answer": "a & b", "correct": True, "feedback": "yes <b>"},
                         {"answer": "c", "correct": False, "feedback": "no"}]}]
    (folder / "ch9.json").write_text(json.dumps(quiz))
    import unittest.mock as mock

    from helpers import data

    with mock.patch.object(data, "read_quiz", lambda p: json.loads(Path(p).read_text())):
        lms.write(tmp_path / "out", folder)
    moodle = (tmp_path / "out" / lms.MOODLE).read_text()
    assert "1 &amp;lt; 2 &amp;amp; 3" in moodle and "<b>" not in moodle
    el = ET.parse(tmp_path / "out" / lms.MOODLE).getroot().find("question[@type='multichoice']")
    assert el.findtext("questiontext/text") == "Which is right? 1 &lt; 2 &amp; 3 &gt; 2"
