"""The self-check mechanism behind every exercise, in one place.

An exercise module (``course_utils/exercises/<topic>.py``) holds only its notebook's cases and
diagnoses; everything else is here:

- :class:`Catalogue` and :class:`Exercise`: the exercises of one notebook, each with a general
  hint (shown on a wrong try) and a stronger second hint, on request: ``checks.hint("name")``;
- the kinds of check: :func:`check_function` (reference cases, one or several returned values),
  :func:`check_value` (a number or array worked out by the learner, never revealed),
  :func:`check_built` (a model or pipeline the learner's function builds, then inspected);
- :class:`Mistake`: a plausible wrong answer, recognised and named in words;
- :func:`call_learner`: the one place that calls the learner's code, where a missing function,
  a stub (``NotImplementedError``, or ``...`` for a value) and an exception are turned into the
  usual messages;
- :class:`CheckResult`: passed / failed / not yet, shown as text together with a
  machine-readable record (MIME type :data:`RECORD_MIME`) that ``python -m course_utils
  progress`` and ``grade`` read from the saved notebook.

No message, hint or record ever contains the reference solution: a wrong try is answered with
the case that failed (its expected and obtained value, for function exercises) and the likely
mistake in words.

>>> result = check_function(abs, [Case((-2,), 2), Case((3,), 3)], exercise="abs")
✅ abs passed all 2 checks. Well done!
>>> result.status
'passed'
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS, FAIL, TODO = "✅", "❌", "⏳"
#: The three states of an exercise, as records and the command line name them.
PASSED, FAILED, NOT_YET = "passed", "failed", "not yet"
SYMBOLS = {PASSED: PASS, FAILED: FAIL, NOT_YET: TODO}
#: The MIME type of the machine-readable record every self-check leaves in its cell's output.
RECORD_MIME = "application/vnd.course-utils.check+json"


# --------------------------------------------------------------------------- exercises
@dataclass(frozen=True)
class Exercise:
    """One exercise: the name the learner defines, and its two levels of hint, in words.

    ``hint`` is shown with a wrong try that no :class:`Mistake` explains; ``nudge`` is the
    stronger second hint that ``checks.hint(name)`` prints. Neither holds code or the formula
    to type. ``notebook`` is filled in by the :class:`Catalogue`.

    >>> Exercise("count", hint="Count the biases too.", nudge="Every neuron has one.").name
    'count'
    """

    name: str
    hint: str = ""
    nudge: str = ""
    notebook: str = ""


class Catalogue:
    """The exercises of one notebook, in order: what ``progress`` and ``grade`` expect.

    Each exercise module defines one (``CATALOGUE``) and exposes its :meth:`hint` as
    ``hint``, so that a notebook can call ``checks.hint("adam_step")``.

    >>> catalogue = Catalogue("99_toy", [Exercise("double", nudge="Add x to itself.")])
    >>> catalogue.names, catalogue["double"].notebook
    (('double',), '99_toy')
    >>> catalogue.hint("double")
    💡 Second hint for double: Add x to itself.
    """

    def __init__(self, notebook: str, exercises: Sequence[Exercise]) -> None:
        if not isinstance(notebook, str) or not notebook:
            raise ValueError(
                f"notebook must be a notebook's name such as '03_gradient_descent', "
                f"got {notebook!r}"
            )
        names = [e.name for e in exercises]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"exercises must be one or more with distinct names, got {names}")
        self.notebook = notebook
        self._exercises = {e.name: Exercise(e.name, e.hint, e.nudge, notebook) for e in exercises}

    @property
    def names(self) -> tuple[str, ...]:
        """The exercises' names, in the notebook's order."""
        return tuple(self._exercises)

    def __getitem__(self, name: str) -> Exercise:
        return self._exercises[name]

    def __repr__(self) -> str:
        return f"Catalogue({self.notebook!r}, {list(self.names)})"

    def hint(self, exercise: str = "") -> None:
        """Print the second, stronger hint of ``exercise`` (still without the answer).

        Without a known name it lists the exercises of the notebook instead.
        """
        found = self._exercises.get(exercise)
        if found is None:
            names = ", ".join(f'"{n}"' for n in self.names)
            print(
                f'💡 Which exercise? Ask for one of {names}, e.g. checks.hint("{self.names[0]}").'
            )
            return
        print(f"💡 Second hint for {found.name}: {found.nudge or found.hint}")


def _exercise(exercise: Exercise | str) -> Exercise:
    if isinstance(exercise, Exercise):
        return exercise
    if isinstance(exercise, str) and exercise:
        return Exercise(exercise)
    raise TypeError(f"exercise must be an Exercise or a non-empty str, got {exercise!r}")


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class CheckResult:
    """What a self-check found: its status, the message shown, and the record tools read.

    Truthy when passed. In a notebook the message has been shown already, so a result that
    ends a cell shows nothing more.

    >>> r = CheckResult("count", NOT_YET, "⏳ not yet", notebook="07_keras_ann")
    >>> r.record
    {'notebook': '07_keras_ann', 'exercise': 'count', 'status': 'not yet'}
    >>> bool(r), r.not_implemented
    (False, True)
    """

    name: str
    status: str
    message: str
    notebook: str = ""

    def __post_init__(self) -> None:
        if self.status not in SYMBOLS:
            raise ValueError(f"status must be one of {list(SYMBOLS)}, got {self.status!r}")

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    @property
    def not_implemented(self) -> bool:
        """True while the exercise is still the student version's stub (``⏳``)."""
        return self.status == NOT_YET

    @property
    def record(self) -> dict[str, str]:
        """The machine-readable record: notebook, exercise and status."""
        return {"notebook": self.notebook, "exercise": self.name, "status": self.status}

    def __bool__(self) -> bool:
        return self.passed

    def _ipython_display_(self) -> None:
        """Show nothing when returned last in a cell: the message was shown already."""


def show_result(result: CheckResult) -> None:
    """Show a result: in a notebook as text plus its record, elsewhere as printed text.

    The record travels in the same output as the text, under :data:`RECORD_MIME`; JupyterLab
    and GitHub show only the text.
    """
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        get_ipython = None  # type: ignore[assignment]
    if get_ipython is not None and get_ipython() is not None:
        display({"text/plain": result.message, RECORD_MIME: result.record}, raw=True)
    else:
        print(result.message)


class Problem(Exception):
    """Raised inside a check to fail it: ``text`` says what is wrong, ``hint`` why, in words."""

    def __init__(self, text: str, hint: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.hint = hint


def check_one_pair_per_layer(prediction: Any, n_layers: int, *, model: str, example: str) -> None:
    """A :class:`Problem` unless ``prediction`` is a list (or tuple) of ``n_layers`` items, one
    (shape, parameters) pair per layer after the Input of ``model`` ("network", "stack").

    >>> check_one_pair_per_layer([1, 2], 2, model="stack", example="2 pairs")
    >>> check_one_pair_per_layer([1, 2, 3], 2, model="stack", example="2 pairs")
    Traceback (most recent call last):
    ...
    course_utils.checking.Problem: it has 3 pairs, but the stack has 2 layers.
    """
    if not isinstance(prediction, list | tuple):
        raise Problem(
            f"it should be a list with one (shape, parameters) pair per layer, got "
            f"{type(prediction).__name__}.",
            hint=example,
        )
    if len(prediction) != n_layers:
        said = (
            "leave out the Input: it is not a layer, it only states the input's shape."
            if len(prediction) == n_layers + 1
            else f"the {model} has {n_layers} layers after the Input, one pair for each."
        )
        raise Problem(
            f"it has {len(prediction)} pairs, but the {model} has {n_layers} layers.", hint=said
        )


class NotYet(Exception):
    """Raised inside a check when the learner's answer is still the student version's stub."""


def _finish(
    exercise: Exercise,
    shown: str,
    attempt: Callable[[], str],
    quiet: bool,
) -> CheckResult:
    """Run ``attempt`` (which returns the pass text, or raises) and turn it into a result."""
    try:
        praise = attempt()
    except NotYet as todo:
        status, message = NOT_YET, f"{TODO} {shown} {todo}"
    except Problem as problem:
        status = FAILED
        hint = problem.hint or exercise.hint
        message = f"{FAIL} {shown}: {problem.text}" + (f"\n   Hint: {hint}" if hint else "")
        if exercise.nudge:
            message += (
                f'\n   Stuck? checks.hint("{exercise.name}") gives a second hint, '
                f"still without the answer."
            )
    else:
        joint = "" if praise[:1] in (":", ",") else " "
        status, message = PASSED, f"{PASS} {shown}{joint}{praise} Well done!"
    result = CheckResult(exercise.name, status, message, exercise.notebook)
    if not quiet:
        show_result(result)
    return result


# --------------------------------------------------------------------------- values
def show(value: Any, limit: int = 300, *, one_line: bool = False) -> str:
    """A short, readable text for a value in a check message; a matrix keeps one line per row
    (indented to line up in a message) unless ``one_line``.

    >>> show(np.array([0.5, 1.0])), show(4.0), show(3)
    ('[0.5, 1. ]', '4.0', '3')
    >>> show(np.eye(2), one_line=True)
    '[[1., 0.], [0., 1.]]'
    """
    if isinstance(value, np.ndarray):
        text = np.array2string(
            value,
            precision=4,
            separator=", ",
            threshold=24,
            max_line_width=10_000 if one_line else 75,
        )
        text = text.replace("\n", "" if one_line else "\n" + " " * 12)
    elif isinstance(value, float | np.floating):
        text = repr(float(value)) if float(value).is_integer() else f"{float(value):.6g}"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def values_match(got: Any, expected: Any, *, atol: float = 1e-6, rtol: float = 1e-5) -> bool:
    """Compare two answers: numbers and arrays to a tolerance (same shape), the rest exactly.

    >>> values_match([0.1 + 0.2], np.array([0.3]))
    True
    >>> values_match(np.zeros(3), np.zeros(4))
    False
    """
    if isinstance(expected, bool | np.bool_):
        return isinstance(got, bool | np.bool_) and bool(got) == bool(expected)
    if expected is None or isinstance(expected, str):
        return got == expected
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(values_match(got[k], expected[k], atol=atol, rtol=rtol) for k in got)
        )
    try:
        with np.errstate(all="ignore"):
            got_a = np.asarray(got, dtype=float)
            exp_a = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return bool(got == expected)
    if got_a.shape != exp_a.shape:
        return False
    return bool(np.allclose(got_a, exp_a, atol=atol, rtol=rtol, equal_nan=True))


def same_int(got: Any, expected: Any) -> bool:
    """An exact whole-number answer: an ``int`` (or NumPy integer), not a float or a bool.

    >>> same_int(4, 4), same_int(4.0, 4), same_int(True, 1)
    (True, False, False)
    """
    return (
        isinstance(got, int | np.integer)
        and not isinstance(got, bool | np.bool_)
        and int(got) == expected
    )


def _is_whole_float(value: Any) -> bool:
    return isinstance(value, float | np.floating) and np.isfinite(value)


def _shape(value: Any) -> tuple[int, ...] | None:
    try:
        return np.shape(value)
    except (TypeError, ValueError):
        return None


def _what_is_off(got: Any, expected: Any) -> str:
    """A general diagnosis of an answer of the wrong kind, or ``""``."""
    if got is None and expected is not None:
        return "it returned None: is a `return` missing?"
    if isinstance(expected, np.ndarray):
        shape = _shape(got)
        if shape is not None and shape != expected.shape:
            return f"the shape is {shape}, but it should be {expected.shape}."
        if isinstance(got, np.ndarray) and expected.dtype == np.uint8 and got.dtype != np.uint8:
            return (
                f"an image's pixels are uint8 (whole numbers 0 to 255); this array holds "
                f"{got.dtype}."
            )
    if (
        isinstance(expected, int | np.integer)
        and not isinstance(expected, bool)
        and _is_whole_float(got)
    ):
        return f"it returned {show(got)}, a float: this answer is a whole number, an int."
    if isinstance(expected, float | int) and _shape(got) not in (None, ()):
        return "it should return one number, not an array."
    return ""


# --------------------------------------------------------------------------- mistakes
@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer, and what it says about the learner's thinking.

    ``like`` makes the mistake: for function exercises a function with the learner's
    signature, for value exercises the wrong value itself. ``when(got, expected)`` may be given
    instead, for mistakes easier to test than to re-create. ``says`` names the mistake in words.

    >>> Mistake("the last, smaller batch still counts", like=lambda n, b: n // b).says
    'the last, smaller batch still counts'
    """

    says: str
    like: Any = None
    when: Callable[[Any, Any], bool] | None = None


def _quietly(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    with np.errstate(all="ignore"):
        return func(*copy.deepcopy(args), **copy.deepcopy(kwargs))


def _diagnose(
    mistakes: Sequence[Mistake],
    got: Any,
    expected: Any,
    case: Case | None,
    compare: Callable[[Any, Any], bool],
    others: Sequence[tuple[Any, Case]] = (),
) -> str:
    """The words of the first mistake that explains ``got``, or ``""``.

    A mistake made by a function (``like``) must also give the learner's answers on the
    ``others`` cases, so that a coincidence on one case is not taken for the mistake.
    """
    for mistake in mistakes:
        try:
            if mistake.when is not None:
                hit = mistake.when(got, expected)
            elif case is not None and callable(mistake.like):
                hit = all(
                    compare(answer, _quietly(mistake.like, c.args, c.kwargs))
                    for answer, c in [(got, case), *others]
                )
            else:
                hit = compare(got, mistake.like)
        except Exception:  # noqa: BLE001 - an answer of the wrong kind is simply not this mistake
            hit = False
        if hit:
            return mistake.says
    return ""


# --------------------------------------------------------------------------- calling
#: Errors learners often meet, explained in words.
_ERROR_WORDS = {
    "truth value of an array": "an `if` (or `and`/`or`) on a whole array does not work "
    "element by element; compare the array as a whole instead.",
    "is not defined": "the code uses a name that does not exist here: is it defined in your "
    "function, or in a cell you have not run yet?",
}


def _error_hint(err: Exception) -> str:
    return next((words for key, words in _ERROR_WORDS.items() if key in str(err)), "")


def _call_text(shown: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [show(a, 80, one_line=True) for a in args] + [
        f"{k}={show(v, 80, one_line=True)}" for k, v in kwargs.items()
    ]
    return f"{shown}({', '.join(parts)})"


def _not_a_function(func: Any) -> Problem:
    return Problem(
        f"it should be a function, but it is {show(func, 60)} "
        f"({type(func).__name__}). Did you run the cell that defines it?"
    )


def _call(
    func: Any, shown: str, args: tuple[Any, ...], kwargs: dict[str, Any], where: str = ""
) -> Any:
    """Call the learner's function: the one place for a missing function, a stub and an error.

    Arguments are deep-copied, so a function that changes its inputs cannot spoil later cases.
    """
    if not callable(func):
        raise _not_a_function(func)
    try:
        return _quietly(func, args, kwargs)
    except NotImplementedError:
        raise NotYet(
            "is not implemented yet: replace the line `raise NotImplementedError(...)` "
            "in the exercise cell with your code, run that cell, then run this check "
            "again."
        ) from None
    except (NotYet, Problem):
        raise
    except Exception as err:  # noqa: BLE001 - the learner's code may raise anything
        raise Problem(
            f"{where}raised {type(err).__name__}: {err}\n"
            f"   call:     {_call_text(shown, args, kwargs)}",
            hint=_error_hint(err),
        ) from None


def learner_name(func: Any, default: str) -> str:
    """The name the learner gave the function (``default`` for lambdas and non-functions).

    >>> learner_name(abs, "x"), learner_name(lambda v: v, "relu_derivative")
    ('abs', 'relu_derivative')
    """
    name = getattr(func, "__name__", "") if callable(func) else ""
    return name if name.isidentifier() else default


def call_learner(
    func: Any, name: str, *args: Any, quiet: bool = False, exercise: Exercise | None = None
) -> tuple[Any, CheckResult | None]:
    """Call a learner's function once; return ``(value, None)`` or ``(None, the result)``.

    A missing function, a stub and an error become a failed or not-yet result, shown unless
    ``quiet``. :func:`check_built` uses it; it is public for checks of other shapes.

    >>> call_learner(lambda: 41 + 1, "answer")
    (42, None)
    >>> _, failure = call_learner(None, "build_model")  # doctest: +ELLIPSIS
    ❌ build_model: it should be a function, but it is None (NoneType). Did you run the cell ...
    """
    try:
        return _call(func, name, args, {}), None
    except (NotYet, Problem) as stop:
        failure = stop

        def attempt() -> str:
            raise failure

        return None, _finish(exercise or Exercise(name), name, attempt, quiet)


# --------------------------------------------------------------------------- the checks
@dataclass(frozen=True)
class Case:
    """One reference case: the arguments to call with and the value expected back.

    ``label`` describes the case for the learner (for example ``"x in P, misclassified"``).

    >>> Case((1, 2), 3, label="small numbers").label
    'small numbers'
    """

    args: tuple[Any, ...]
    expected: Any
    kwargs: dict[str, Any] = field(default_factory=dict)
    label: str = ""


def _compare_outputs(
    got: Any,
    case: Case,
    outputs: Sequence[str],
    shown: str,
    where: str,
    compare: Callable[[Any, Any], bool],
) -> str:
    """For a function returning several values: the first wrong one, described; or ``""``."""
    if not isinstance(got, tuple | list) or len(got) != len(outputs):
        return (
            f"{where}: return the {len(outputs)} values ({', '.join(outputs)}) as a "
            f"tuple; got {show(got, 120)}"
        )
    for out_name, value, expected in zip(outputs, got, case.expected):
        value_shape, expected_shape = _shape(value), np.shape(expected)
        if value_shape != expected_shape:
            kind = "not numbers" if value_shape is None else f"shape {value_shape}"
            return (
                f"{where}: the {out_name} you return has {kind}, expected shape "
                f"{expected_shape}.\n   call:     {_call_text(shown, case.args, case.kwargs)}"
            )
        if not compare(value, expected):
            return (
                f"{where}: the {out_name} you return is wrong.\n"
                f"   call:     {_call_text(shown, case.args, case.kwargs)}\n"
                f"   expected: {show(np.asarray(expected))}\n"
                f"   got:      {show(np.asarray(value, dtype=float))}"
            )
    return ""


def _each_output(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """``compare`` applied to each of several returned values."""

    def match(got: Any, expected: Any) -> bool:
        return (
            isinstance(got, tuple | list)
            and len(got) == len(expected)
            and all(compare(g, e) for g, e in zip(got, expected))
        )

    return match


def _explain(
    got: Any,
    case: Case,
    mistakes: Sequence[Mistake],
    compare: Callable[[Any, Any], bool],
    outputs: Sequence[str],
    others: Sequence[tuple[Any, Case]],
) -> str:
    """Why a case failed, in words: a mistake that gives exactly the learner's answers, else an
    answer of the wrong kind (type, shape), else a mistake that gives the same numbers; or
    ``""``."""
    exact = _each_output(compare) if outputs else compare
    lenient = _each_output(values_match) if outputs else values_match
    return (
        _diagnose(mistakes, got, case.expected, case, exact, others)
        or ("" if outputs else _what_is_off(got, case.expected))
        or _diagnose(mistakes, got, case.expected, case, lenient, others)
    )


def _answers(func: Any, cases: Sequence[Case], skip: int) -> list[tuple[Any, Case]]:
    """The learner's answers on every case but ``skip`` (an error gives an answer that matches
    nothing), to tell a recognised mistake from a coincidence."""
    answers = []
    for number, case in enumerate(cases):
        if number == skip:
            continue
        try:
            answers.append((_quietly(func, case.args, case.kwargs), case))
        except Exception:  # noqa: BLE001 - the learner's code may raise anything
            answers.append((_NO_ANSWER, case))
    return answers


class _NoAnswer:
    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


_NO_ANSWER = _NoAnswer()


def check_function(
    func: Any,
    cases: Sequence[Case],
    *,
    exercise: Exercise | str,
    mistakes: Sequence[Mistake] = (),
    compare: Callable[[Any, Any], bool] | None = None,
    outputs: Sequence[str] = (),
    quiet: bool = False,
) -> CheckResult:
    """Run ``func`` on every case; show a pass message or the first failure, return the result.

    A failure shows the case (its label and the call), the expected and the obtained value and,
    as the hint, the first of ``mistakes`` that explains the answer (else a general diagnosis
    such as a wrong shape, else the exercise's hint). ``compare(got, expected)`` decides a match
    (default :func:`values_match`). With ``outputs`` (names such as ``("grad_x", "grad_W")``)
    the function returns that many values, compared one by one so the message names the wrong
    one. ``quiet=True`` returns the result without showing it (for tests).

    >>> r = check_function(lambda x: x + 1, [Case((1,), 3)], exercise="add_two",
    ...                    mistakes=[Mistake("you added 1, not 2.", like=lambda x: x + 1)])
    ❌ add_two: case 1 of 1 failed
       call:     add_two(1)
       expected: 3
       got:      2
       Hint: you added 1, not 2.
    >>> r.status
    'failed'
    """
    exercise = _exercise(exercise)
    if not cases:
        raise ValueError("cases must hold at least one Case")
    shown = learner_name(func, exercise.name)
    compare = compare or values_match

    def attempt() -> str:
        for number, case in enumerate(cases, start=1):
            where = f"case {number} of {len(cases)}" + (f" ({case.label})" if case.label else "")
            got = _call(func, shown, case.args, case.kwargs, where=f"{where} ")
            if outputs:
                problem = _compare_outputs(got, case, outputs, shown, where, compare)
                ok = not problem
            else:
                try:
                    ok = bool(compare(got, case.expected))
                except Exception:  # noqa: BLE001 - an answer of the wrong kind is simply wrong
                    ok = False
                problem = (
                    f"{where} failed\n   call:     "
                    f"{_call_text(shown, case.args, case.kwargs)}\n"
                    f"   expected: {show(case.expected)}\n   got:      {show(got)}"
                )
            if not ok:
                others = _answers(func, cases, skip=number - 1) if mistakes else []
                raise Problem(problem, hint=_explain(got, case, mistakes, compare, outputs, others))
        return f"passed all {len(cases)} checks."

    return _finish(exercise, shown, attempt, quiet)


def check_outputs(
    func: Any,
    cases: Sequence[Case],
    *,
    outputs: Sequence[str],
    name: str,
    quiet: bool = False,
    **kwargs: Any,
) -> CheckResult:
    """:func:`check_function` for a function that returns several values, named ``outputs``.

    >>> r = check_outputs(lambda a: (a, a), [Case((1,), (1, 2))], outputs=("x", "y"), name="f",
    ...                   quiet=True)
    >>> "the y you return is wrong" in r.message
    True
    """
    return check_function(
        func, cases, exercise=kwargs.pop("exercise", name), outputs=outputs, quiet=quiet, **kwargs
    )


def check_value(
    value: Any,
    expected: Any,
    *,
    exercise: Exercise | str,
    shown: str = "",
    mistakes: Sequence[Mistake] = (),
    compare: Callable[[Any, Any], bool] | None = None,
    whole_number: bool = False,
    quiet: bool = False,
) -> CheckResult:
    """Check an answer the learner worked out (a count, a product, weights …) without ever
    showing ``expected``: a wrong one gets the mistake it matches, or a general diagnosis.

    ``value`` may be ``...`` (Ellipsis), the student version's placeholder: "not yet".
    ``whole_number=True`` also rejects a float or a bool where a count is due, and says
    "too small" or "too large" when no mistake matches. ``shown`` names the answer in the
    message (default: the exercise's name).

    >>> _ = check_value(21, 21, exercise="n_params", whole_number=True)
    ✅ n_params is right. Well done!
    >>> _ = check_value(20, 21, exercise="n_params", whole_number=True,
    ...                 mistakes=[Mistake("one bias is missing.", like=20)])
    ❌ n_params: 20 is not right yet.
       Hint: one bias is missing.
    """
    exercise = _exercise(exercise)
    shown = shown or exercise.name
    compare = compare or (same_int if whole_number else values_match)

    def attempt() -> str:
        if value is Ellipsis:
            raise NotYet(
                "is not filled in yet: replace the `...` with your answer, run that "
                "cell, then run this check again."
            )
        if whole_number and (
            isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer)
        ):
            raise Problem(
                f"it should be a whole number (an int such as 4, not 4.0); you gave "
                f"{show(value, 60)} ({type(value).__name__})."
            )
        try:
            ok = bool(compare(value, expected))
        except Exception:  # noqa: BLE001 - an answer of the wrong kind is simply wrong
            ok = False
        if ok:
            return "is right."
        said = _diagnose(mistakes, value, expected, None, compare)
        if not said and whole_number:
            size = "too small" if value < expected else "too large"
            said = f"{show(value)} is {size}. {exercise.hint[:1].upper()}{exercise.hint[1:]}"
        raise Problem(f"{show(value, 120)} is not right yet.", hint=said)

    return _finish(exercise, shown, attempt, quiet)


def check_built(
    build: Any,
    inspect: Callable[[Any], str],
    *,
    exercise: Exercise | str,
    quiet: bool = False,
) -> CheckResult:
    """Call the learner's builder (``build_model()``), then ``inspect`` what it returns.

    ``inspect(obj)`` raises :class:`Problem` with what is wrong, in words, or returns the pass
    text (for example ``"641 parameters."``). An error raised while inspecting (a model that
    cannot be fitted, say) fails the check with that error.

    >>> def inspect(number):
    ...     if number != 42:
    ...         raise Problem("the answer is a different number.")
    ...     return "returns the answer."
    >>> _ = check_built(lambda: 42, inspect, exercise="answer")
    ✅ answer returns the answer. Well done!
    """
    exercise = _exercise(exercise)
    shown = learner_name(build, exercise.name)

    def attempt() -> str:
        built = _call(build, shown, (), {})
        try:
            return inspect(built)
        except (NotYet, Problem):
            raise
        except Exception as err:  # noqa: BLE001 - the learner's model may fail in any way
            raise Problem(
                f"using what {shown}() returned raised {type(err).__name__}: {err}",
                hint=_error_hint(err),
            ) from None

    return _finish(exercise, shown, attempt, quiet)


def check_answer(
    answer: Any,
    inspect: Callable[[Any], str],
    *,
    exercise: Exercise | str,
    shown: str = "",
    quiet: bool = False,
) -> CheckResult:
    """Check a value by inspection (``inspect`` raises :class:`Problem` or returns the pass
    text), for answers with more than one right form (weights for a gate, a dictionary).

    >>> _ = check_answer(..., len, exercise="weights")  # doctest: +ELLIPSIS
    ⏳ weights is not filled in yet: replace the `...` with your answer, run that cell, ...
    """
    exercise = _exercise(exercise)

    def attempt() -> str:
        if answer is Ellipsis:
            raise NotYet(
                "is not filled in yet: replace the `...` with your answer, run that "
                "cell, then run this check again."
            )
        return inspect(answer)

    return _finish(exercise, shown or exercise.name, attempt, quiet)
