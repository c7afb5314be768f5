"""The self-check mechanism behind every exercise.

A self-check runs the learner's function on reference cases and prints either a pass
message or the first case that failed: its inputs, the expected and the obtained value, and a
hint. A function that still raises ``NotImplementedError`` (the stub of a student version)
gets a friendly "not implemented yet" message instead of a traceback.

>>> result = check_function(abs, [Case((-2,), 2), Case((3,), 3)], name="abs")
✅ abs passed all 2 checks. Well done!
>>> result.passed
True
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS, FAIL, TODO = "✅", "❌", "⏳"


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


@dataclass(frozen=True)
class CheckResult:
    """What a self-check found. The message is printed already; truthy when passed."""

    name: str
    passed: bool
    message: str
    not_implemented: bool = False

    def __bool__(self) -> bool:
        return self.passed

    def _ipython_display_(self) -> None:
        """Show nothing when returned last in a cell: the message was printed already."""


def show(value: Any, limit: int = 300) -> str:
    """A short, readable text for a value in a check message.

    >>> show(np.array([0.5, 1.0]))
    '[0.5, 1. ]'
    """
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, separator=", ", threshold=24)
    elif isinstance(value, float | np.floating):
        text = f"{float(value):.6g}"
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
        return (isinstance(got, dict) and got.keys() == expected.keys()
                and all(values_match(got[k], expected[k], atol=atol, rtol=rtol) for k in got))
    try:
        got_a = np.asarray(got, dtype=float)
        exp_a = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return bool(got == expected)
    if got_a.shape != exp_a.shape:
        return False
    return bool(np.allclose(got_a, exp_a, atol=atol, rtol=rtol, equal_nan=True))


def _call_text(name: str, case: Case) -> str:
    parts = [show(a, 80) for a in case.args] + [f"{k}={show(v, 80)}" for k, v in case.kwargs.items()]
    return f"{name}({', '.join(parts)})"


def make_result(name: str, passed: bool, message: str, *, quiet: bool = False,
                not_implemented: bool = False) -> CheckResult:
    """Print ``message`` (unless ``quiet``) and wrap it in a :class:`CheckResult`.

    For self-checks that are not "call a function on cases" (see :func:`check_function`).

    >>> make_result("my check", True, "✅ fine").passed
    ✅ fine
    True
    """
    if not quiet:
        print(message)
    return CheckResult(name, passed, message, not_implemented)


def not_implemented_message(name: str) -> str:
    """The message a learner sees when the exercise's function is still the stub."""
    return (
        f"{TODO} {name} is not implemented yet: replace the line "
        f"`raise NotImplementedError(...)` in the exercise cell with your code, run that cell, "
        f"then run this check again."
    )


def call_learner(func: Any, name: str, *args: Any,
                 quiet: bool = False) -> tuple[Any, CheckResult | None]:
    """Call a learner's function once; return ``(value, None)``, or ``(None, failed result)``.

    For self-checks that first need the learner's object (a model, a pipeline) and then
    inspect it: a missing function, a stub that raises ``NotImplementedError`` and any other
    error become the usual messages, printed unless ``quiet``.

    >>> value, failure = call_learner(lambda: 41 + 1, "answer")
    >>> value, failure
    (42, None)
    >>> _, failure = call_learner(None, "build_model")
    ❌ build_model should be a function, but it is None (NoneType). Did you run the cell that defines it?
    """
    if not callable(func):
        return None, make_result(name, False,
                                 f"{FAIL} {name} should be a function, but it is {show(func, 60)} "
                                 f"({type(func).__name__}). Did you run the cell that defines it?",
                                 quiet=quiet)
    try:
        return func(*args), None
    except NotImplementedError:
        return None, make_result(name, False, not_implemented_message(name), quiet=quiet,
                                 not_implemented=True)
    except Exception as err:  # noqa: BLE001 - the learner's code may raise anything
        return None, make_result(name, False,
                                 f"{FAIL} {name}() raised {type(err).__name__}: {err}",
                                 quiet=quiet)


def check_function(
    func: Any,
    cases: Sequence[Case],
    *,
    name: str | None = None,
    hint: str = "",
    compare: Callable[[Any, Any], bool] | None = None,
    quiet: bool = False,
) -> CheckResult:
    """Run ``func`` on every case, print a pass message or the first failure, return the result.

    Arguments are deep-copied before each call, so a function that changes its inputs in place
    cannot spoil later cases. ``compare(got, expected)`` decides a match (default:
    :func:`values_match`). ``quiet=True`` returns the result without printing (for tests).

    >>> r = check_function(lambda x: x + 1, [Case((1,), 3)], name="add_one", hint="Add 2?")
    ❌ add_one: case 1 of 1 failed: add_one(1)
       expected: 3
       got:      2
       Hint: Add 2?
    >>> bool(r)
    False
    """
    name = name or getattr(func, "__name__", "your function")
    if not cases:
        raise ValueError("cases must hold at least one Case")
    if not callable(func):
        return make_result(name, False,
                       f"{FAIL} {name} should be a function, but it is {show(func, 60)} "
                       f"({type(func).__name__}). Did you run the cell that defines it?",
                       quiet=quiet)
    compare = compare or values_match
    hint_line = f"\n   Hint: {hint}" if hint else ""
    for number, case in enumerate(cases, start=1):
        where = f"case {number} of {len(cases)}" + (f" ({case.label})" if case.label else "")
        try:
            got = func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except NotImplementedError:
            return make_result(name, False, not_implemented_message(name), quiet=quiet,
                           not_implemented=True)
        except Exception as err:  # noqa: BLE001 - the learner's code may raise anything
            return make_result(name, False,
                           f"{FAIL} {name}: {where} raised {type(err).__name__}: {err}\n"
                           f"   call:     {_call_text(name, case)}{hint_line}", quiet=quiet)
        try:
            ok = compare(got, case.expected)
        except Exception:  # noqa: BLE001 - an answer of the wrong kind is simply wrong
            ok = False
        if not ok:
            return make_result(name, False,
                           f"{FAIL} {name}: {where} failed: {_call_text(name, case)}\n"
                           f"   expected: {show(case.expected)}\n"
                           f"   got:      {show(got)}{hint_line}", quiet=quiet)
    return make_result(name, True, f"{PASS} {name} passed all {len(cases)} checks. Well done!",
                   quiet=quiet)


def check_value(
    value: Any,
    expected: Any,
    *,
    name: str,
    hint: str = "",
    compare: Callable[[Any, Any], bool] | None = None,
    quiet: bool = False,
) -> CheckResult:
    """Check one answer (a number, an array, a shape …) against the expected one.

    ``value`` may be ``...`` (Ellipsis), the placeholder of a student version: that gives the
    "not implemented yet" message.

    >>> _ = check_value(21, 21, name="the parameter count")
    ✅ the parameter count is right. Well done!
    """
    if value is Ellipsis:
        return make_result(name, False,
                       f"{TODO} {name} is not filled in yet: replace the `...` with your answer.",
                       quiet=quiet, not_implemented=True)
    compare = compare or values_match
    try:
        ok = compare(value, expected)
    except Exception:  # noqa: BLE001
        ok = False
    if ok:
        return make_result(name, True, f"{PASS} {name} is right. Well done!", quiet=quiet)
    hint_line = f"\n   Hint: {hint}" if hint else ""
    return make_result(name, False,
                   f"{FAIL} {name} is not right yet.\n   expected: {show(expected)}\n"
                   f"   got:      {show(value)}{hint_line}", quiet=quiet)
