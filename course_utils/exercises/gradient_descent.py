"""Self-checks for notebook 03 (gradient descent, losses and optimizers): cases and diagnoses.

>>> import math
>>> _ = check_iterations_per_epoch(lambda n_samples, batch_size: -(-n_samples // batch_size))
✅ iterations_per_epoch passed all 6 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    check_function,
    same_int,
)

CATALOGUE = Catalogue(
    "03_gradient_descent",
    [
        Exercise(
            "iterations_per_epoch",
            hint="every example is used once per epoch; the data is cut into batches of "
            "batch_size, and the last batch may be smaller.",
            nudge="Picture 10 examples and a batch size of 4: batches of 4, 4 and 2, so 3 "
            "updates. Which rounding of 10 / 4 gives 3? Does the same rounding give 2 "
            "for 8 examples, where the batches come out even? Return a whole number.",
        ),
        Exercise(
            "huber_loss",
            hint="per example, a small error (at most delta in size) costs half its square, a "
            "larger one grows linearly; then average over the examples.",
            nudge="Work with the size of each error (positive and negative errors count "
            "alike). The linear piece joins the quadratic one without a jump at "
            "|r| = delta, where both are worth delta²/2; check your two pieces by hand "
            "at r = delta and at r = 2·delta, and use the delta you are given.",
        ),
        Exercise(
            "adam_step",
            hint="update the two running averages first, correct their bias towards zero, then "
            "step against the gradient; return the new running averages.",
            nudge="Go back to the Adam formulas in the lesson and check, in order: which "
            "average uses beta1 (the gradient) and which beta2 (the squared gradient); "
            "that the bias correction uses this step's t as it is; that the step divides "
            "by the square root of the corrected v with eps added outside the root; and "
            "that you return the running averages m and v, not their corrected versions.",
        ),
    ],
)
hint = CATALOGUE.hint


def check_iterations_per_epoch(
    iterations_per_epoch: Callable[[int, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``iterations_per_epoch(n_samples, batch_size)``: the number of batches (updates) in one
    epoch, an ``int``. The last batch may be smaller than the others."""
    cases = [
        Case((1000, 64), 16, label="15 full batches and one of 40"),
        Case((1000, 100), 10, label="divides exactly"),
        Case((60000, 32), 1875, label="full MNIST training set"),
        Case((8000, 128), 63, label="62.5 batches"),
        Case((10, 32), 1, label="batch larger than the data set"),
        Case((1, 1), 1, label="online learning on a single example"),
    ]
    mistakes = [
        Mistake(
            "the last, smaller batch still counts: it is one more update.", like=lambda n, b: n // b
        ),
        Mistake(
            "when the batch size divides the data exactly there is no extra, smaller batch.",
            like=lambda n, b: n // b + 1,
        ),
        Mistake(
            "rounding to the nearest is not it: even half a batch, or a single example, "
            "needs its own update.",
            like=lambda n, b: round(n / b),
        ),
        Mistake(
            "check the order of the arguments: n_samples comes first.", like=lambda n, b: -(-b // n)
        ),
    ]
    return check_function(
        iterations_per_epoch,
        cases,
        compare=same_int,
        mistakes=mistakes,
        exercise=CATALOGUE["iterations_per_epoch"],
        quiet=quiet,
    )


def _huber(
    y_true: Any,
    y_pred: Any,
    delta: float = 1.0,
    *,
    half: float = 0.5,
    shift: float = 0.5,
    mean: bool = True,
) -> float:
    """The Huber loss, and (through the keywords) its plausible variants for the diagnoses."""
    r = np.abs(np.asarray(y_true, float) - np.asarray(y_pred, float))
    per_example = np.where(r <= delta, half * r**2, delta * (r - shift * delta))
    return float(per_example.mean() if mean else per_example.sum())


def check_huber(huber: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``huber(y_true, y_pred, delta=1.0)``: the mean Huber loss over all examples."""
    y = np.array([1.0, 2.0, 3.0, 4.0])
    cases = [
        Case(
            (y, np.array([1.5, 2.0, 2.0, 4.2])),
            _huber(y, np.array([1.5, 2.0, 2.0, 4.2])),
            label="all errors within delta = 1",
        ),
        Case(
            (y, np.array([4.0, 2.0, 0.0, 4.0])),
            _huber(y, np.array([4.0, 2.0, 0.0, 4.0])),
            label="two errors of size 3",
        ),
        Case(
            (y, np.array([3.0, 0.5, 3.0, 4.0])),
            _huber(y, np.array([3.0, 0.5, 3.0, 4.0]), 2.0),
            kwargs={"delta": 2.0},
            label="delta = 2",
        ),
        Case((np.array([0.0]), np.array([-10.0])), 9.5, label="one big negative error"),
    ]
    mistakes = [
        Mistake(
            "inside delta the loss is half the squared error.",
            like=lambda t, p, delta=1.0: _huber(t, p, delta, half=1.0),
        ),
        Mistake(
            "for errors larger than delta the Huber loss grows linearly, not with the square.",
            like=lambda t, p, delta=1.0: float(np.mean((t - p) ** 2)),
        ),
        Mistake(
            "beyond delta the linear piece is shifted down, so that both pieces meet at "
            "|r| = delta.",
            like=lambda t, p, delta=1.0: _huber(t, p, delta, shift=0.0),
        ),
        Mistake(
            "return the mean over the examples, not the sum.",
            like=lambda t, p, delta=1.0: _huber(t, p, delta, mean=False),
        ),
        Mistake(
            "use the delta you are given, not a fixed 1.",
            like=lambda t, p, delta=1.0: _huber(t, p, 1.0),
        ),
        Mistake(
            "a large negative error is large too: compare the size of the error with delta.",
            like=lambda t, p, delta=1.0: float(
                np.mean(
                    np.where(
                        t - p <= delta, 0.5 * (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta)
                    )
                )
            ),
        ),
    ]
    return check_function(
        huber, cases, exercise=CATALOGUE["huber_loss"], mistakes=mistakes, quiet=quiet
    )


def reference_adam_step(
    w: Any,
    grad: Any,
    m: Any,
    v: Any,
    t: int,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-7,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One Adam update (the textbook form); returns the new ``(w, m, v)``.

    >>> w, m, v = reference_adam_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1)
    >>> w.round(6).tolist(), m.round(6).tolist()
    ([0.999], [0.2])
    """
    return _adam(w, grad, m, v, t, lr, beta1, beta2, eps)


def _adam(
    w: Any,
    grad: Any,
    m: Any,
    v: Any,
    t: int,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-7,
    *,
    correct: bool = True,
    return_hats: bool = False,
    eps_in_root: bool = False,
    square: bool = True,
    sign: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adam and (through the keywords) its plausible variants, for the diagnoses."""
    w, grad, m, v = (np.asarray(a, dtype=float) for a in (w, grad, m, v))
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * (grad**2 if square else np.abs(grad))
    m_hat = m / (1 - beta1**t) if correct else m
    v_hat = v / (1 - beta2**t) if correct else v
    root = np.sqrt(v_hat + eps) if eps_in_root else np.sqrt(v_hat) + eps
    new_w = w - sign * lr * m_hat / root
    return (new_w, m_hat, v_hat) if return_hats else (new_w, m, v)


def check_adam_step(adam_step: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7)`` → ``(w, m, v)``.

    ``t`` counts steps from 1. Keras' placement of epsilon (added to √v before the bias
    correction) is accepted too: the cases where epsilon matters are late steps, where the bias
    correction is 1 to well within the tolerance; there, epsilon under the square root fails.
    """
    rng = np.random.default_rng(3)
    w0, g0 = np.array([0.5, -1.5]), np.array([0.2, -3.0])
    m3, v3 = np.array([0.05, -0.4]), np.array([0.002, 0.03])
    w2, g2 = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    m2, v2 = rng.normal(size=(2, 3)) * 0.1, rng.uniform(0.01, 0.1, size=(2, 3))
    tiny_g, tiny_m, tiny_v = (
        np.array([1e-4, -2e-4]),
        np.array([5e-5, -1e-4]),
        np.array([1e-8, 3e-8]),
    )
    specs = [
        ((w0, g0, np.zeros(2), np.zeros(2), 1), {}, "first step from m = v = 0"),
        ((w0, g0, m3, v3, 3), {}, "third step, m and v already filled"),
        ((w0, g0, m3, v3, 3), {"lr": 0.1}, "lr = 0.1"),
        (
            (w2, g2, m2, v2, 10),
            {"beta1": 0.8, "beta2": 0.99},
            "a (2, 3) weight matrix, beta1 = 0.8, beta2 = 0.99, step 10",
        ),
        ((w0, tiny_g, tiny_m, tiny_v, 20000), {}, "step 20,000 with tiny gradients"),
        ((w0, g0, m3, v3, 20000), {"eps": 0.05}, "eps = 0.05 at step 20,000"),
    ]
    cases = [
        Case(args, _adam(*args, **kwargs), kwargs=kwargs, label=label)
        for args, kwargs, label in specs
    ]

    def variant(**how: Any) -> Callable[..., Any]:
        return lambda *args, **kwargs: _adam(*args, **kwargs, **how)

    def off_by_one(w, grad, m, v, t, **kwargs):
        return _adam(w, grad, m, v, t + 1, **kwargs)

    def swapped(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
        return _adam(w, grad, m, v, t, lr, beta2, beta1, eps)

    mistakes = [
        Mistake(
            "eps is added after the square root, not under it.", like=variant(eps_in_root=True)
        ),
        Mistake(
            "return the running averages m and v themselves, not their bias-corrected "
            "versions (those are only used for the step).",
            like=variant(return_hats=True),
        ),
        Mistake(
            "m and v start at 0, so early on they are too small: the step uses their "
            "bias-corrected versions.",
            like=variant(correct=False),
        ),
        Mistake("v averages the squared gradient.", like=variant(square=False)),
        Mistake("the step goes against the gradient (downhill).", like=variant(sign=-1.0)),
        Mistake(
            "t is already the number of this step (1 for the first): use it as it is.",
            like=off_by_one,
        ),
        Mistake(
            "use the eps you are given, not a fixed one.",
            like=lambda *args, **kwargs: _adam(*args, **{**kwargs, "eps": 1e-7}),
        ),
        Mistake(
            "beta1 belongs to the average of the gradient, beta2 to the average of its square.",
            like=swapped,
        ),
    ]
    return check_function(
        adam_step,
        cases,
        outputs=("new w", "new m", "new v"),
        exercise=CATALOGUE["adam_step"],
        mistakes=mistakes,
        quiet=quiet,
        compare=lambda got, exp: bool(
            np.allclose(np.asarray(got, dtype=float), exp, atol=1e-7, rtol=1e-6)
        ),
    )
