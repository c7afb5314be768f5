"""Notebook 11_regularization: the wrong answers its self-checks must reject."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import regularization


def stopping(losses, patience, *, ties=False):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best or (ties and loss == best):
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(losses), best_epoch


def against_previous(losses, patience):
    best, best_epoch, wait, previous = float("inf"), 0, 0, float("inf")
    for epoch, loss in enumerate(losses, start=1):
        if loss < previous:
            wait = 0
        else:
            wait += 1
        if loss < best:
            best, best_epoch = loss, epoch
        previous = loss
        if wait >= patience:
            return epoch, best_epoch
    return len(losses), best_epoch


def forget(momentum, tolerance, *, strict=False):
    steps, remaining = 0, 1.0
    while remaining > tolerance or (strict and remaining == tolerance):
        remaining *= momentum
        steps += 1
    return steps


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("11_regularization", "dropout_at_inference"): [
        ("divides by the keep probability", lambda x, r, inv: x if inv else x / (1 - r)),
        ("scales by the rate", lambda x, r, inv: x if inv else x * r),
        ("never scales", lambda x, r, inv: x),
        ("conventions swapped", lambda x, r, inv: x * (1 - r) if inv else x),
        ("always scales", lambda x, r, inv: x * (1 - r)),
        ("applies a random mask", lambda x, r, inv: x * (np.random.rand(*np.shape(x)) > r)),
    ],
    ("11_regularization", "early_stopping_epochs"): [
        ("stops at the best", lambda v, p: (int(np.argmin(v)) + 1,) * 2),
        ("zero-based", lambda v, p: tuple(e - 1 for e in stopping(v, p))),
        ("ties improve", lambda v, p: stopping(v, p, ties=True)),
        ("one epoch late", lambda v, p: stopping(v, p + 1)),
        ("restores the last", lambda v, p: (stopping(v, p)[0],) * 2),
        ("swapped", lambda v, p: stopping(v, p)[::-1]),
        ("one number", lambda v, p: 5),
        ("compares with the previous epoch", against_previous),
        (
            "restores the best of the whole list",
            lambda v, p: (stopping(v, p)[0], int(np.argmin(v)) + 1),
        ),
    ],
    ("11_regularization", "steps_to_forget"): [
        ("strict comparison", lambda m, t: forget(m, t, strict=True)),
        ("one too many", lambda m, t: forget(m, t) + 1),
        ("logarithm rounded down", lambda m, t: int(math.log(t) / math.log(m))),
        ("exact logarithm, a float", lambda m, t: math.log(t) / math.log(m)),
        ("one minus the momentum", lambda m, t: forget(1 - m, t)),
        ("rounded up, as a float", lambda m, t: float(math.ceil(math.log(t) / math.log(m)))),
        ("rounded to the nearest", lambda m, t: round(math.log(t) / math.log(m)) if t < 1 else 0),
        (
            "one minus the momentum, by the logarithm",
            lambda m, t: math.ceil(math.log(t) / math.log(1 - m) - 1e-9) if t < 1 else 0,
        ),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("11_regularization", "dropout_at_inference"): regularization.check_dropout_at_inference,
    ("11_regularization", "early_stopping_epochs"): regularization.check_early_stopping_epochs,
    ("11_regularization", "steps_to_forget"): regularization.check_steps_to_forget,
}
