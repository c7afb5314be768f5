"""Notebook 03_gradient_descent: the wrong answers its self-checks must reject."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import gradient_descent


def adam(
    w,
    grad,
    m,
    v,
    t,
    lr=1e-3,
    beta1=0.9,
    beta2=0.999,
    eps=1e-7,
    *,
    root_eps=False,
    hats=False,
    correct=True,
):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t) if correct else m
    v_hat = v / (1 - beta2**t) if correct else v
    step = m_hat / (np.sqrt(v_hat + eps) if root_eps else np.sqrt(v_hat) + eps)
    return (w - lr * step, m_hat, v_hat) if hats else (w - lr * step, m, v)


def huber(t, p, delta=1.0, *, half=0.5, shift=0.5):
    r = np.abs(t - p)
    return float(np.mean(np.where(r <= delta, half * r**2, delta * (r - shift * delta))))


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("03_gradient_descent", "iterations_per_epoch"): [
        ("drops the last batch", lambda n, b: n // b),
        ("one too many when exact", lambda n, b: n // b + 1),
        ("rounds to nearest", lambda n, b: round(n / b)),
        ("a fraction", lambda n, b: n / b),
        ("a float", lambda n, b: float(math.ceil(n / b))),
        ("arguments swapped", lambda n, b: math.ceil(b / n)),
    ],
    ("03_gradient_descent", "huber_loss"): [
        ("MSE", lambda t, p, delta=1.0: float(np.mean((t - p) ** 2))),
        ("no ½", lambda t, p, delta=1.0: huber(t, p, delta, half=1.0)),
        ("no shift", lambda t, p, delta=1.0: huber(t, p, delta, shift=0.0)),
        ("sum", lambda t, p, delta=1.0: huber(t, p, delta) * len(t)),
        ("ignores delta", lambda t, p, delta=1.0: huber(t, p, 1.0)),
        (
            "forgets abs",
            lambda t, p, delta=1.0: float(
                np.mean(
                    np.where(
                        t - p <= delta, 0.5 * (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta)
                    )
                )
            ),
        ),
    ],
    ("03_gradient_descent", "adam_step"): [
        ("eps inside the square root", lambda *a, **k: adam(*a, **k, root_eps=True)),
        ("no bias correction", lambda *a, **k: adam(*a, **k, correct=False)),
        ("returns the corrected m and v", lambda *a, **k: adam(*a, **k, hats=True)),
        ("off-by-one step", lambda w, g, m, v, t, **k: adam(w, g, m, v, t + 1, **k)),
        (
            "swapped betas",
            lambda w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7: adam(
                w, g, m, v, t, lr, beta2, beta1, eps
            ),
        ),
        (
            "ignores eps",
            lambda w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7: adam(
                w, g, m, v, t, lr, beta1, beta2
            ),
        ),
        ("steps uphill", lambda w, *a, **k: (2 * w - adam(w, *a, **k)[0], *adam(w, *a, **k)[1:])),
        ("only the new w", lambda *a, **k: adam(*a, **k)[0]),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("03_gradient_descent", "iterations_per_epoch"): gradient_descent.check_iterations_per_epoch,
    ("03_gradient_descent", "huber_loss"): gradient_descent.check_huber,
    ("03_gradient_descent", "adam_step"): gradient_descent.check_adam_step,
}
