"""Self-checks for notebook 03 (gradient descent, losses and optimizers).

>>> import math
>>> _ = check_iterations_per_epoch(lambda n_samples, batch_size: math.ceil(n_samples / batch_size))
✅ iterations_per_epoch passed all 6 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function
from course_utils.exercises._outputs import check_outputs, learner_name, wrap_quiet


def check_iterations_per_epoch(iterations_per_epoch: Callable[[int, int], Any], *,
                               quiet: bool = False) -> CheckResult:
    """``iterations_per_epoch(n_samples, batch_size)`` = number of batches (updates) in one epoch.

    The last batch may be smaller than the others, so the answer is ⌈n_samples / batch_size⌉.
    """
    cases = [
        Case((1000, 64), 16, label="15 full batches and one of 40"),
        Case((1000, 100), 10, label="divides exactly: no extra batch"),
        Case((60000, 32), 1875, label="full MNIST training set"),
        Case((8000, 128), 63, label="62.5 batches: the half batch still counts"),
        Case((10, 32), 1, label="batch larger than the data set"),
        Case((1, 1), 1, label="online learning on a single example"),
    ]
    return check_function(iterations_per_epoch, cases, name="iterations_per_epoch", quiet=quiet,
                          hint="Every example is used once per epoch and the last batch may be "
                               "smaller: round the division UP, e.g. math.ceil(n_samples / "
                               "batch_size) or -(-n_samples // batch_size).")


def _huber(y_true: np.ndarray, y_pred: np.ndarray, delta: float = 1.0) -> float:
    r = np.abs(np.asarray(y_true, float) - np.asarray(y_pred, float))
    return float(np.mean(np.where(r <= delta, 0.5 * r ** 2, delta * (r - 0.5 * delta))))


def check_huber(huber: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``huber(y_true, y_pred, delta=1.0)``: the mean Huber loss over all examples.

    Per example, with ``r = y_true - y_pred``: ``0.5 r²`` if ``|r| <= delta``, else
    ``delta (|r| - 0.5 delta)``.
    """
    y = np.array([1.0, 2.0, 3.0, 4.0])
    cases = [
        Case((y, np.array([1.5, 2.0, 2.0, 4.2])), _huber(y, np.array([1.5, 2.0, 2.0, 4.2])),
             label="all errors within delta = 1: half the squared error"),
        Case((y, np.array([4.0, 2.0, 0.0, 4.0])), _huber(y, np.array([4.0, 2.0, 0.0, 4.0])),
             label="two errors of size 3: the linear part"),
        Case((y, np.array([3.0, 0.5, 3.0, 4.0])), _huber(y, np.array([3.0, 0.5, 3.0, 4.0]), 2.0),
             kwargs={"delta": 2.0}, label="delta = 2"),
        Case((np.array([0.0]), np.array([-10.0])), 9.5, label="one big negative error"),
    ]
    return check_function(wrap_quiet(huber), cases, quiet=quiet,
                          name=learner_name(huber, "huber"),
                          hint="Work with r = np.abs(y_true - y_pred); use np.where(r <= delta, "
                               "0.5 * r**2, delta * (r - 0.5 * delta)) and return the mean.")


def reference_adam_step(w: Any, grad: Any, m: Any, v: Any, t: int, lr: float = 1e-3,
                        beta1: float = 0.9, beta2: float = 0.999,
                        eps: float = 1e-7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One Adam update (the textbook form); returns the new ``(w, m, v)``.

    >>> w, m, v = reference_adam_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1)
    >>> w.round(6).tolist(), m.round(6).tolist()
    ([0.999], [0.2])
    """
    w, grad, m, v = (np.asarray(a, dtype=float) for a in (w, grad, m, v))
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def check_adam_step(adam_step: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7)`` → ``(w, m, v)``.

    ``t`` counts steps from 1. Keras' placement of epsilon (added to √v before the bias
    correction) is accepted too: the difference is far below the tolerance for these cases.
    """
    rng = np.random.default_rng(3)
    w0, g0 = np.array([0.5, -1.5]), np.array([0.2, -3.0])
    m3, v3 = np.array([0.05, -0.4]), np.array([0.002, 0.03])
    w2, g2 = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    m2, v2 = rng.normal(size=(2, 3)) * 0.1, rng.uniform(0.01, 0.1, size=(2, 3))
    specs = [
        ((w0, g0, np.zeros(2), np.zeros(2), 1), {}, "first step from m = v = 0"),
        ((w0, g0, m3, v3, 3), {}, "third step, m and v already filled"),
        ((w0, g0, m3, v3, 3), {"lr": 0.1}, "lr = 0.1"),
        ((w2, g2, m2, v2, 10), {"beta1": 0.8, "beta2": 0.99},
         "a (2, 3) weight matrix, beta1 = 0.8, beta2 = 0.99, step 10"),
    ]
    cases = [Case(args, reference_adam_step(*args, **kwargs), kwargs=kwargs, label=label)
             for args, kwargs, label in specs]
    return check_outputs(adam_step, cases, outputs=("new w", "new m", "new v"), name="adam_step",
                         quiet=quiet, atol=1e-7, rtol=1e-6,
                         hint="m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  m̂ = m/(1−β1**t);  "
                              "v̂ = v/(1−β2**t);  w ← w − lr·m̂/(√v̂ + eps). Return the new m and "
                              "v (not m̂ and v̂).")
