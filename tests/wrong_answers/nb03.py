"""Notebook 03_gradient_descent: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import gradient_descent


def error(t, p):
    return np.asarray(p, dtype=float) - np.asarray(t, dtype=float)


def stable_log_cosh(t, p):
    size = np.abs(error(t, p))
    return size + np.log1p(np.exp(-2 * size)) - np.log(2)


def adagrad(w, g, acc, lr=1e-3, eps=1e-7, *, average=False, old=False, root=True, inside=True):
    grown = 0.9 * acc + 0.1 * g**2 if average else acc + g**2
    total = acc if old else grown
    scale = (np.sqrt(total + eps) if inside else np.sqrt(total) + eps) if root else total + eps
    return w - lr * g / scale, grown


def adagrad_in_place(w, g, acc, lr=1e-3, eps=1e-7):
    acc += g**2
    w -= lr * g / np.sqrt(acc + eps)
    return w, acc


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("03_gradient_descent", "log_cosh"): [
        ("the formula as printed: overflows", lambda t, p: np.mean(np.log(np.cosh(error(t, p))))),
        (
            "stable for one sign only",
            lambda t, p: np.mean(error(t, p) + np.log1p(np.exp(-2 * error(t, p))) - np.log(2)),
        ),
        ("forgets the half in cosh", lambda t, p: np.mean(stable_log_cosh(t, p) + np.log(2))),
        ("sum instead of mean", lambda t, p: np.sum(stable_log_cosh(t, p))),
        ("half the squared error", lambda t, p: np.mean(error(t, p) ** 2) / 2),
        ("absolute error minus log 2", lambda t, p: np.mean(np.abs(error(t, p)) - np.log(2))),
        ("mean squared error", lambda t, p: np.mean(error(t, p) ** 2)),
        (
            "clips the error to dodge the overflow",
            lambda t, p: np.mean(np.log(np.cosh(np.clip(error(t, p), -700, 700)))),
        ),
    ],
    ("03_gradient_descent", "max_stable_learning_rate"): [
        ("the flat direction's limit", 20.0),
        ("the steep direction reaches its floor in one step", 0.1),
        ("the loss's coefficient instead of the gradient's", 0.4),
        ("section 3's limit", 1.0),
        ("the lesson's ravine", 0.5),
        ("the flat direction in one step", 10.0),
        ("a guess just below the edge", 0.19),
        ("a guess within 2 %", 0.199),
        ("a guess above the edge", 0.3),
        ("negative", -0.2),
        ("a string", "0.2"),
    ],
    ("03_gradient_descent", "adagrad_step"): [
        ("a decaying average (RMSprop)", lambda *a, **k: adagrad(*a, **k, average=True)),
        ("divides by the old total", lambda *a, **k: adagrad(*a, **k, old=True)),
        ("no square root", lambda *a, **k: adagrad(*a, **k, root=False)),
        ("eps outside the root", lambda *a, **k: adagrad(*a, **k, inside=False)),
        (
            "returns the old total",
            lambda w, g, acc, **k: (adagrad(w, g, acc, **k)[0], acc),
        ),
        (
            "steps uphill",
            lambda w, g, acc, **k: (2 * w - adagrad(w, g, acc, **k)[0], adagrad(w, g, acc)[1]),
        ),
        (
            "ignores lr",
            lambda w, g, acc, lr=1e-3, eps=1e-7: adagrad(w, g, acc, 1e-3, eps),
        ),
        ("only the new w", lambda *a, **k: adagrad(*a, **k)[0]),
        ("right numbers, but changes its inputs in place", adagrad_in_place),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("03_gradient_descent", "log_cosh"): gradient_descent.check_log_cosh,
    ("03_gradient_descent", "max_stable_learning_rate"): (
        gradient_descent.check_max_stable_learning_rate
    ),
    ("03_gradient_descent", "adagrad_step"): gradient_descent.check_adagrad_step,
}
