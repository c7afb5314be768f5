"""A self-check for functions that return several arrays (an optimizer step, a backward pass).

:func:`course_utils.checking.check_function` compares one answer; here each returned value is
compared on its own, so the message can say *which* one is wrong (``m`` or ``w``, ``grad_W``
or ``grad_b``) and whether only its shape is off.

>>> import numpy as np
>>> from course_utils.checking import Case
>>> r = check_outputs(lambda a: (a + 1, 2 * a), [Case((np.ones(2),), (2 * np.ones(2), 3 * np.ones(2)))],
...                   outputs=("a + 1", "2a"), name="pair")
❌ pair: case 1 of 1: the 2a you return is wrong.
   call:     pair([1., 1.])
   expected: [3., 3.]
   got:      [2., 2.]
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from course_utils.checking import (
    FAIL,
    PASS,
    Case,
    CheckResult,
    make_result,
    not_implemented_message,
    show,
)


def _call_text(name: str, case: Case) -> str:
    parts = [show(a, 60) for a in case.args] + [f"{k}={show(v, 60)}" for k, v in case.kwargs.items()]
    return f"{name}({', '.join(parts)})"


def check_outputs(
    func: Any,
    cases: Sequence[Case],
    *,
    outputs: Sequence[str],
    name: str,
    hint: str = "",
    atol: float = 1e-6,
    rtol: float = 1e-5,
    quiet: bool = False,
) -> CheckResult:
    """Run ``func`` on every case; it must return a tuple of ``len(outputs)`` arrays.

    ``case.expected`` is that tuple. The first mismatch (count, shape or value) is reported
    with the name of the output from ``outputs``.
    """
    if not cases:
        raise ValueError("cases must hold at least one Case")
    if not callable(func):
        return make_result(name, False, f"{FAIL} {name} should be a function, but it is "
                           f"{show(func, 60)} ({type(func).__name__}). Did you run the cell "
                           f"that defines it?", quiet=quiet)
    hint_line = f"\n   Hint: {hint}" if hint else ""
    for number, case in enumerate(cases, start=1):
        where = f"case {number} of {len(cases)}" + (f" ({case.label})" if case.label else "")
        call = _call_text(name, case)
        try:
            with np.errstate(all="ignore"):
                got = func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        except NotImplementedError:
            return make_result(name, False, not_implemented_message(name), quiet=quiet,
                               not_implemented=True)
        except Exception as err:  # noqa: BLE001 - the learner's code may raise anything
            return make_result(name, False, f"{FAIL} {name}: {where} raised "
                               f"{type(err).__name__}: {err}\n   call:     {call}{hint_line}",
                               quiet=quiet)
        if not isinstance(got, tuple | list) or len(got) != len(outputs):
            return make_result(name, False, f"{FAIL} {name}: {where}: return the "
                               f"{len(outputs)} values ({', '.join(outputs)}) as a tuple; got "
                               f"{show(got, 120)}{hint_line}", quiet=quiet)
        for out_name, value, expected in zip(outputs, got, case.expected):
            try:
                value_a = np.asarray(value, dtype=float)
            except (TypeError, ValueError):
                value_a = None
            exp_a = np.asarray(expected, dtype=float)
            if value_a is None or value_a.shape != exp_a.shape:
                shape = "not numbers" if value_a is None else f"shape {value_a.shape}"
                return make_result(name, False, f"{FAIL} {name}: {where}: the {out_name} you "
                                   f"return has {shape}, expected shape {exp_a.shape}.\n"
                                   f"   call:     {call}{hint_line}", quiet=quiet)
            if not np.allclose(value_a, exp_a, atol=atol, rtol=rtol):
                return make_result(name, False, f"{FAIL} {name}: {where}: the {out_name} you "
                                   f"return is wrong.\n   call:     {call}\n"
                                   f"   expected: {show(exp_a)}\n   got:      {show(value_a)}"
                                   f"{hint_line}", quiet=quiet)
    return make_result(name, True, f"{PASS} {name} passed all {len(cases)} checks. Well done!",
                       quiet=quiet)


def wrap_quiet(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with NumPy floating-point warnings muted (a wrong answer may overflow)."""
    if not callable(func):
        return func

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)

    wrapper.__name__ = getattr(func, "__name__", "function")
    return wrapper


def learner_name(func: Any, default: str) -> str:
    """The name the learner gave the function (``default`` for lambdas and non-functions).

    >>> learner_name(abs, "x"), learner_name(lambda v: v, "relu_derivative")
    ('abs', 'relu_derivative')
    """
    name = getattr(func, "__name__", "") if callable(func) else ""
    return name if name.isidentifier() else default
