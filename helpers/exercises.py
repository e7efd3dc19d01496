"""Exercises: ``check()`` for code exercises, and the quizzes.

A code exercise is registered in ``helpers/exercise_bank.py`` with a function that
*computes* the expected answer from the data, so a correction in the data can
never leave an exercise wrong.  In a chapter the student writes::

    answer = ...            # replace ... with your code
    check("ch1-founders", answer)

``check`` never raises on a student's answer, whatever its type: it says whether
the answer is right and, when it is not, gives a hint that points towards the
mistake without giving the answer.  An unanswered cell (``answer = ...``) says
that the exercise is not answered yet.

The code lives in modules of one concern each; a chapter imports this one:

* :mod:`helpers.exercise_registry`: what an exercise is and how it is registered;
* :mod:`helpers.fingerprints`: what an answer is compared with (the expected answer's
  salted hashes, so that the class pack holds no answer);
* :mod:`helpers.answer_checks`: how each kind of answer is read and judged, and the hints;
* this module: :func:`check` and the :class:`Feedback` it shows.

Quizzes are stored as JSON in ``data/quizzes/`` (jupyterquiz's format, with
feedback for every choice) and shown with :func:`quiz` (from :mod:`helpers.quizzes`,
where the quiz code lives); they run in the browser, with no kernel and no CDN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers import data, errors, exercise_bank, quizzes
from helpers._facade import pass_on_assignments
from helpers.answer_checks import CHECKERS, describe, unsupported
from helpers.fingerprints import expected_fingerprint as expected_fingerprint
from helpers.fingerprints import fingerprint as fingerprint

# The quizzes live in helpers/quizzes.py; a chapter shows one with exercises.quiz("ch1").
from helpers.quizzes import QUIZ_COLOURS as QUIZ_COLOURS
from helpers.quizzes import QUIZ_DIR as QUIZ_DIR
from helpers.quizzes import load_quiz as load_quiz
from helpers.quizzes import quiz as quiz
from helpers.quizzes import quiz_html as quiz_html
from helpers.quizzes import quiz_print_html as quiz_print_html
from helpers.templating import render

#: The registry of code exercises, filled by ``helpers.exercise_bank`` (the answer key) when it is imported.
REGISTRY = exercise_bank.REGISTRY
KINDS = exercise_bank.KINDS
Exercise = exercise_bank.Exercise
exercise = exercise_bank.exercise

#: How a verdict is marked, in text and on the page.
MARKS = {"correct": "✔ Correct", "wrong": "✖ Not yet", "unanswered": "… Not answered yet"}


@dataclass
class Feedback:
    """What :func:`check` says of an answer: the exercise, a verdict and a message.

    ``status`` is ``"correct"``, ``"wrong"`` or ``"unanswered"``. In a notebook it shows as a
    box with the verdict (``role="status"``, so that a screen reader reads it out).
    """

    exercise: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        """Whether the answer is right."""
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{MARKS[self.status]} ({self.exercise}): {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return render("exercise_feedback.html", status=self.status, mark=MARKS[self.status], exercise=self.exercise, message=self.message)


def check(exercise_id: str, answer: Any = ...) -> Feedback:
    """Check a student's answer to a code exercise.

    Never raises on what a student types: a wrong answer, an answer of the wrong type or a
    bad exercise id gets feedback that says what is wrong.

    Parameters
    ----------
    exercise_id : str
        The exercise's id, as the exercise's cell gives it (``"ch1-founders"``).
    answer : object, optional
        The student's answer; ``...`` (the default, as the cell has it before it is
        answered) means not answered yet.

    Returns
    -------
    Feedback
        The verdict (``"correct"``, ``"wrong"`` or ``"unanswered"``) and a message: for a wrong
        answer, a hint towards the mistake that does not give the answer away.

    Raises
    ------
    Exception
        Whatever computing the *expected* answer raises: that is the author's bug, not the
        student's, and is not hidden.

    Examples
    --------
    >>> check("ch1-founders").status
    'unanswered'
    >>> print(check("ch1-members-2024", "7"))
    ✖ Not yet (ch1-members-2024): you gave the string '7': give the number itself, without quotes
    """
    if not isinstance(exercise_id, str):
        return Feedback(repr(exercise_id), "wrong", f'the exercise id is a string in quotes, like check("ch1-founders", answer); got {describe(exercise_id)}')
    if exercise_id not in REGISTRY:
        return Feedback(
            exercise_id,
            "wrong",
            f"there is no exercise {exercise_id!r}: copy the id from the exercise's cell; closest: {errors._closest(exercise_id, REGISTRY)}",
        )
    ex = REGISTRY[exercise_id]
    if answer is ...:
        return Feedback(exercise_id, "unanswered", "replace ... with your answer, then run the cell again.")
    if answer is None:
        return Feedback(exercise_id, "wrong", "your answer is None: did your code forget to return or assign a value?")
    fp = expected_fingerprint(ex)  # outside the try: an error here is the author's, not the student's
    try:
        ok, message = CHECKERS[ex.kind](ex, answer, fp)
    except Exception as exc:  # a student's object may fail in any way: explain, never crash
        ok, message = False, (f"your answer could not be compared ({type(exc).__name__}: {data.shown(str(exc), 80)}); {unsupported(ex, answer)}")
    return Feedback(exercise_id, "correct" if ok else "wrong", message)


# exercises.QUIZ_DIR = folder (a test's monkeypatch) sets the folder load_quiz reads.
pass_on_assignments(__name__, ("QUIZ_COLOURS", "QUIZ_DIR", "load_quiz", "quiz", "quiz_html", "quiz_print_html"), (quizzes,))
