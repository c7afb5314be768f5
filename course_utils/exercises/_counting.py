"""Checks for answers that are whole numbers (parameter counts, output sizes) in 06-08.

A count worked out on paper must not be given away by the first wrong try, so
:func:`check_count` never prints the expected number: it names the likely mistake where it
recognises one, and otherwise says whether the answer is too small or too large.

>>> _ = check_count(21, 21, name="n_params")
✅ n_params is right. Well done!
>>> _ = check_count(20, 21, name="n_params", mistakes={20: "one bias is missing."})
❌ n_params is not right yet: one bias is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from course_utils.checking import FAIL, PASS, CheckResult, check_value, make_result, show


def _text(value: Any) -> str:
    """``show`` prints 4.0 as 4; here the difference is the point, so floats keep their point."""
    return repr(float(value)) if isinstance(value, float | np.floating) else show(value, 60)


def check_count(value: Any, expected: int, *, name: str, mistakes: Mapping[int, str] | None = None,
                hint: str = "", quiet: bool = False) -> CheckResult:
    """Check a whole-number answer without revealing ``expected``.

    ``...`` (the student version's placeholder) gives the "not filled in yet" message; a
    float or another type is rejected with a note that a count is an ``int``; a wrong number
    found in ``mistakes`` gets that diagnosis, any other one "too small" or "too large" and
    the ``hint``.

    >>> _ = check_count(4.0, 4, name="the count")
    ❌ the count should be a whole number (an int such as 4, not 4.0); you gave 4.0 (float).
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty str, got {name!r}")
    if value is Ellipsis:
        return check_value(value, expected, name=name, quiet=quiet)
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        return make_result(name, False,
                           f"{FAIL} {name} should be a whole number (an int such as 4, not 4.0); "
                           f"you gave {_text(value)} ({type(value).__name__}).", quiet=quiet)
    if int(value) == expected:
        return make_result(name, True, f"{PASS} {name} is right. Well done!", quiet=quiet)
    hint_line = f"\n   Hint: {hint}" if hint else ""
    known = (mistakes or {}).get(int(value))
    if known:
        return make_result(name, False, f"{FAIL} {name} is not right yet: {known}", quiet=quiet)
    size = "too small" if int(value) < expected else "too large"
    return make_result(name, False, f"{FAIL} {name} is not right yet: {int(value)} is {size}."
                       f"{hint_line}", quiet=quiet)


def float_instead_of_int(func: Callable[..., Any], args: tuple[Any, ...], name: str, *,
                         quiet: bool = False) -> CheckResult | None:
    """A failed result if ``func(*args)`` returns a float where an int is due, else ``None``.

    Run before :func:`~course_utils.checking.check_function`, whose message would print
    ``expected: 4`` and ``got: 4`` for a returned ``4.0``. Errors are left to that check.

    >>> float_instead_of_int(lambda h: h / 2 + 1, (6,), "size")  # doctest: +ELLIPSIS
    ❌ size(6) returned 4.0, a float: ...
    CheckResult(...)
    >>> float_instead_of_int(lambda h: h // 2 + 1, (6,), "size") is None
    True
    """
    if not callable(func):
        return None
    try:
        got = func(*args)
    except Exception:  # noqa: BLE001 - check_function reports errors with the failing case
        return None
    if isinstance(got, float | np.floating):
        call = f"{name}({', '.join(show(a, 40) for a in args)})"
        return make_result(name, False,
                           f"{FAIL} {call} returned {_text(got)}, a float: a size or a count "
                           f"is a whole number. Use integer division // (it rounds down) or "
                           f"int(...), so that it returns an int.", quiet=quiet)
    return None
