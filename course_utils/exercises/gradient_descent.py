"""Self-checks for notebook 03 (gradient descent, losses and optimizers): cases and diagnoses.

The three exercises apply the lesson to cases it did not show: a loss it did not define
(log-cosh, which must survive an error of 1,000), a prediction (the largest learning rate that
does not diverge on a steeper ravine, checked by running gradient descent on both sides of it),
and an optimizer it did not build (Adagrad, as ``keras.optimizers.Adagrad`` computes it).

>>> check_max_stable_learning_rate(..., quiet=True).status
'not yet'
>>> reference_log_cosh([0.0], [1000.0]).round(4)
np.float64(999.3069)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    check_answer,
    check_function,
    show,
    values_match,
)

CATALOGUE = Catalogue(
    "03_gradient_descent",
    [
        Exercise(
            "log_cosh",
            hint="per example, take the logarithm of the hyperbolic cosine of the error, then "
            "average over the examples; an error of 1,000 in either direction must still give "
            "a finite number.",
            nudge="For a large error one of the two exponentials in the hyperbolic cosine is "
            "far too big for a float, although its logarithm is only about as large as the "
            "error. Try taking the largest exponential out of the bracket as a factor: the "
            "logarithm of a product splits into pieces, and see whether each piece can be "
            "computed without forming a huge number. An error and its negative have the same "
            "hyperbolic cosine.",
        ),
        Exercise(
            "max_stable_learning_rate",
            hint="follow each weight on its own: one step multiplies its distance from the "
            "floor by a factor that depends on the learning rate and on that weight's slope. "
            "The path diverges as soon as one factor is larger than 1 in size.",
            nudge="Write one step of gradient descent for w₂ alone, with the gradient of "
            "5 w₂² put in: the new w₂ is a number times the old w₂. For which learning rates "
            "is that number between −1 and 1? Do the same for w₁, and keep the learning rate "
            "that satisfies both.",
        ),
        Exercise(
            "adagrad_step",
            hint="put your function next to rmsprop_step in section 5: both keep a running "
            "total of squared gradients for every weight. Ask what must change so that "
            "Adagrad's total never forgets, then reread the task for where Keras puts epsilon.",
            nudge="Read the failed case: which of the two outputs is wrong? A wrong "
            "accumulator: look at how the total grows and whether you return the grown one. "
            "A wrong w with a right accumulator: look at which total the step divides by "
            "(before or after this step's gradient joins it), at where epsilon sits, and at "
            "whether you use the lr and eps you are given rather than the defaults.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- log-cosh
def reference_log_cosh(y_true: Any, y_pred: Any) -> np.floating:
    """The mean log-cosh loss, computed so that large errors do not overflow.

    >>> round(float(reference_log_cosh([1.0, 2.0], [1.0, 2.0])), 6)
    0.0
    """
    size = np.abs(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float))
    return np.mean(size + np.log1p(np.exp(-2.0 * size)) - np.log(2.0))


def _errors(y_true: Any, y_pred: Any) -> np.ndarray:
    return np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)


def check_log_cosh(log_cosh: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    """``log_cosh(y_true, y_pred)``: the mean over the examples of log(cosh(error)), as
    ``keras.losses.LogCosh()`` computes it, finite for errors of 1,000 in either direction."""
    specs = [
        ([1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 4.2], "small errors"),
        ([0.0, 0.0, 0.0, 0.0], [3.0, -0.5, 8.0, -2.0], "errors of several sizes and both signs"),
        ([100.0, 200.0], [1100.0, 200.5], "an outlier: a prediction 1,000 above its target"),
        ([5.0, 1.0], [-995.0, 1.0], "an outlier: a prediction 1,000 below its target"),
    ]
    cases = [
        Case((np.array(t), np.array(p)), float(reference_log_cosh(t, p)), label=label)
        for t, p, label in specs
    ]
    overflow = (
        "an error of 1,000 makes the hyperbolic cosine too large for a float (it becomes inf), "
        "and so its logarithm: rewrite the loss so that no huge number is ever formed."
    )
    one_sign = (
        "an error of 1,000 in one direction still overflows: the hyperbolic cosine is the same "
        "for an error and its negative, so treat both directions alike."
    )
    mistakes = [
        Mistake(overflow, like=lambda t, p: np.mean(np.log(np.cosh(_errors(t, p))))),
        Mistake(
            one_sign,
            like=lambda t, p: np.mean(
                _errors(t, p) + np.log1p(np.exp(-2 * _errors(t, p))) - np.log(2.0)
            ),
        ),
        Mistake(
            one_sign,
            like=lambda t, p: np.mean(
                -_errors(t, p) + np.log1p(np.exp(2 * _errors(t, p))) - np.log(2.0)
            ),
        ),
        Mistake(
            "every example is off by the same amount: the hyperbolic cosine is the average of "
            "the two exponentials, not their sum.",
            like=lambda t, p: reference_log_cosh(t, p) + np.log(2.0),
        ),
        Mistake(
            "return the mean over the examples, not the sum.",
            like=lambda t, p: reference_log_cosh(t, p) * np.size(t),
        ),
        Mistake(
            "that is the small-error approximation (half the squared error): far from 0 "
            "log-cosh grows only linearly.",
            like=lambda t, p: np.mean(_errors(t, p) ** 2 / 2),
        ),
        Mistake(
            "that is the mean squared error: far from 0 log-cosh grows only linearly.",
            like=lambda t, p: np.mean(_errors(t, p) ** 2),
        ),
        Mistake(
            "that is the large-error approximation: it is wrong for small errors (an error "
            "of 0 must cost 0).",
            like=lambda t, p: np.mean(np.abs(_errors(t, p)) - np.log(2.0)),
        ),
    ]
    return check_function(
        log_cosh, cases, exercise=CATALOGUE["log_cosh"], mistakes=mistakes, quiet=quiet
    )


# --------------------------------------------------------------------------- the ravine
#: The exercise's ravine L = 0.05 w1² + 5 w2²: the factor in front of each weight in its
#: gradient, and where gradient descent starts.
RAVINE_SLOPES = np.array([0.1, 10.0])
RAVINE_START = np.array([-9.0, 1.2])
_EDGE = 2.0 / RAVINE_SLOPES.max()


def distance_after(learning_rate: float, steps: int = 200) -> float:
    """Distance from the minimum of the exercise's ravine after ``steps`` of gradient descent.

    >>> distance_after(0.0) == float(np.hypot(-9.0, 1.2))
    True
    """
    if not isinstance(learning_rate, int | float | np.integer | np.floating):
        raise TypeError(f"learning_rate must be a number, got {learning_rate!r}")
    w = RAVINE_START.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            w = w - learning_rate * RAVINE_SLOPES * w
        return float(np.hypot(*w))


def _what_happens(rate: float) -> str:
    start = float(np.hypot(*RAVINE_START))
    end = distance_after(rate)
    if not np.isfinite(end):
        return "runs away beyond any float"
    if end > start:
        return f"grows to {end:.1e}"
    if end < start:
        return f"shrinks to {end:.1e}"
    return "stays where it started"


def _run_report(value: float) -> str:
    """What gradient descent does 2 % below and 2 % above ``value``, in words (no numbers
    but distances)."""
    return (
        f"Gradient descent on this ravine, 200 steps from (−9, 1.2), where the distance to the "
        f"minimum is {float(np.hypot(*RAVINE_START)):.1e}: 2 % below your value the distance "
        f"{_what_happens(0.98 * value)}; 2 % above it, it {_what_happens(1.02 * value)}."
    )


_RATE_MISTAKES = [
    Mistake(
        "that is where the flat direction w₁ would start to diverge; the steep direction w₂ "
        "runs away at a much smaller rate, and one diverging weight is enough.",
        like=2.0 / RAVINE_SLOPES.min(),
    ),
    Mistake(
        "that rate brings the flat direction w₁ to its floor in a single step; the steep "
        "direction w₂ has diverged long before.",
        like=1.0 / RAVINE_SLOPES.min(),
    ),
    Mistake(
        "at that rate the steep direction lands exactly on its floor in one step. Overshooting "
        "is not yet diverging: at a larger rate w₂ jumps past its floor, and the path still "
        "converges as long as each jump is shorter than the one before.",
        like=1.0 / RAVINE_SLOPES.max(),
    ),
    Mistake(
        "use the factor in the gradient, not the coefficient in the loss: differentiate 5 w₂² "
        "first.",
        like=2.0 / 5.0,
    ),
    Mistake(
        "that is the limit for the one-weight loss of section 3; this ravine's steep direction "
        "curves more sharply.",
        like=1.0,
    ),
    Mistake(
        "that is the limit for the lesson's ravine, whose steep direction is 2 w₂²; this one "
        "is steeper.",
        like=0.5,
    ),
]


def check_max_stable_learning_rate(value: Any, *, quiet: bool = False) -> CheckResult:
    """``max_stable_learning_rate``: the learning rate above which gradient descent on the
    ravine L = 0.05 w₁² + 5 w₂² diverges, worked out by the learner. A right answer and a
    recognised mistake are shown with runs of gradient descent 2 % below and 2 % above the
    value; any other value is only "not the edge", with no direction, so that the check
    cannot be used to search for the answer (which is never shown)."""

    def inspect(answer: Any) -> str:
        if isinstance(answer, bool | np.bool_) or not isinstance(
            answer, int | float | np.integer | np.floating
        ):
            raise Problem(
                f"it should be one number, the learning rate (an int or a float); you gave a "
                f"{type(answer).__name__}."
            )
        rate = float(answer)
        if not np.isfinite(rate) or rate <= 0:
            raise Problem(
                "a learning rate of 0, below 0 or infinite is not right.",
                hint="a learning rate is a positive number: with a negative one every step "
                "goes uphill, with 0 nothing moves.",
            )
        if values_match(rate, _EDGE, atol=1e-9, rtol=1e-6):
            return f"is right. {_run_report(rate)}"
        said = next((m.says for m in _RATE_MISTAKES if values_match(rate, m.like)), "")
        if said:  # a recognised mistake: its diagnosis, and what the runs show
            raise Problem(f"{show(rate)} is not right yet. {_run_report(rate)}", hint=said)
        # Anything else: neither the runs nor the direction, so that trying rates on the
        # check cannot replace the prediction.
        advice = CATALOGUE["max_stable_learning_rate"].hint
        if abs(rate / _EDGE - 1) < 0.02:
            said = (
                "close, but not the edge. Work it out exactly from the curvature of the "
                "steeper direction rather than by trying rates."
            )
        else:
            said = (
                "work it out from the curvature of the steeper direction, not by trying "
                f"rates: {advice}"
            )
        raise Problem(f"{show(rate)} is not the edge.", hint=said)

    return check_answer(value, inspect, exercise=CATALOGUE["max_stable_learning_rate"], quiet=quiet)


# --------------------------------------------------------------------------- Adagrad
def reference_adagrad_step(
    w: Any, grad: Any, accumulator: Any, lr: float = 1e-3, eps: float = 1e-7
) -> tuple[np.ndarray, np.ndarray]:
    """One Adagrad update as ``keras.optimizers.Adagrad`` makes it; returns ``(w, accumulator)``.

    >>> w, total = reference_adagrad_step(np.array([1.0]), np.array([3.0]), np.array([0.1]))
    >>> total.round(6).tolist(), w.round(6).tolist()
    ([9.1], [0.999006])
    """
    return _adagrad(w, grad, accumulator, lr, eps)


def _adagrad(
    w: Any,
    grad: Any,
    accumulator: Any,
    lr: float = 1e-3,
    eps: float = 1e-7,
    *,
    decay: float = 1.0,
    square: bool = True,
    grown_first: bool = True,
    root: bool = True,
    eps_inside: bool = True,
    sign: float = 1.0,
    return_old: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Adagrad and (through the keywords) its plausible variants, for the diagnoses."""
    w, grad, accumulator = (np.asarray(a, dtype=float) for a in (w, grad, accumulator))
    added = grad**2 if square else np.abs(grad)
    grown = decay * accumulator + (1 - decay) * added if decay < 1 else accumulator + added
    total = grown if grown_first else accumulator
    if not root:
        denominator = total + eps
    elif eps_inside:
        denominator = np.sqrt(total + eps)
    else:
        denominator = np.sqrt(total) + eps
    new_w = w - sign * lr * grad / denominator
    return new_w, (accumulator if return_old else grown)


#: Changing the caller's arrays: the results may be right, but the caller's own w and total
#: have changed under it (comparing with Keras on the same arrays, or reusing them, goes wrong).
IN_PLACE = Mistake(
    "compute new arrays and return them, and leave the arrays you were given as they were: "
    "the caller still holds them. An augmented assignment on a NumPy array (adding to it or "
    "subtracting from it in place) changes the caller's array too."
)


def _refusing_in_place(adagrad_step: Callable[..., Any]) -> Callable[..., Any]:
    """The learner's ``adagrad_step``, failing the check when it changes its input arrays."""
    if not callable(adagrad_step):
        return adagrad_step

    @functools.wraps(adagrad_step)
    def watched(*args: Any, **kwargs: Any) -> Any:
        before = [np.array(a, dtype=float, copy=True) for a in args[:3]]
        result = adagrad_step(*args, **kwargs)
        changed = [
            name
            for name, given, old in zip(("w", "grad", "accumulator"), args, before)
            if isinstance(given, np.ndarray) and not np.array_equal(given, old, equal_nan=True)
        ]
        if changed:
            raise Problem(
                f"it changed the array{'s' if len(changed) > 1 else ''} it was given in place "
                f"({', '.join(changed)}), even if what it returns may be right.",
                hint=IN_PLACE.says,
            )
        return result

    return watched


def check_adagrad_step(adagrad_step: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``adagrad_step(w, grad, accumulator, lr=1e-3, eps=1e-7)`` → ``(new_w, new_accumulator)``,
    equal to one step of ``keras.optimizers.Adagrad`` (whose accumulator starts at 0.1)."""
    rng = np.random.default_rng(3)
    w0, g0 = np.array([0.5, -1.5]), np.array([0.2, -3.0])
    specs = [
        ((w0, g0, np.full(2, 0.1)), {}, "first step, the total starting at Keras' 0.1"),
        ((w0, np.array([-1.0, 0.5]), np.array([2.5, 40.0])), {"lr": 0.1}, "later step, lr = 0.1"),
        (
            (rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.uniform(0.1, 3, size=(2, 3))),
            {"lr": 0.05},
            "a (2, 3) weight matrix, lr = 0.05",
        ),
        (
            (w0, np.array([1e-4, -2e-4]), np.zeros(2)),
            {"lr": 0.01},
            "tiny gradients and a total of 0, where epsilon matters",
        ),
        ((w0, g0, np.array([0.3, 0.02])), {"eps": 0.05}, "eps = 0.05"),
    ]
    cases = [
        Case(args, _adagrad(*args, **kwargs), kwargs=kwargs, label=label)
        for args, kwargs, label in specs
    ]

    def variant(**how: Any) -> Callable[..., Any]:
        return lambda *args, **kwargs: _adagrad(*args, **kwargs, **how)

    mistakes = [
        Mistake(
            "Adagrad never forgets: each squared gradient is added to the total in full. A "
            "decaying average is RMSprop.",
            like=variant(decay=0.9),
        ),
        Mistake(
            "add this step's squared gradient to the total before dividing by its root.",
            like=variant(grown_first=False),
        ),
        Mistake(
            "return the grown total, so that the next step continues from it.",
            like=variant(return_old=True),
        ),
        Mistake("the total is of squared gradients.", like=variant(square=False)),
        Mistake(
            "divide by the square root of the total, so that the step is about the size "
            "of the learning rate.",
            like=variant(root=False),
        ),
        Mistake(
            "Keras adds epsilon to the total inside the square root, not after it (it matters "
            "where the total is tiny).",
            like=variant(eps_inside=False),
        ),
        Mistake("the step goes against the gradient (downhill).", like=variant(sign=-1.0)),
        Mistake(
            "use the learning rate you are given, not a fixed one.",
            like=lambda *args, **kwargs: _adagrad(*args, **{**kwargs, "lr": 1e-3}),
        ),
        Mistake(
            "use the eps you are given, not a fixed one.",
            like=lambda *args, **kwargs: _adagrad(*args, **{**kwargs, "eps": 1e-7}),
        ),
    ]
    return check_function(
        _refusing_in_place(adagrad_step),
        cases,
        outputs=("new w", "new accumulator"),
        exercise=CATALOGUE["adagrad_step"],
        mistakes=mistakes,
        quiet=quiet,
        compare=lambda got, exp: bool(
            np.allclose(np.asarray(got, dtype=float), exp, atol=1e-9, rtol=1e-7)
        ),
    )
