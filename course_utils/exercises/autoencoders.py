"""Self-checks for notebook 10 (autoencoders): cases and diagnoses.

>>> _ = check_autoencoder_params(lambda n, k: 2 * n * k + n + k)
✅ autoencoder_params passed all 4 checks. Well done!
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
    values_match,
)

CATALOGUE = Catalogue(
    "10_autoencoders",
    [
        Exercise(
            "autoencoder_params",
            hint="add the encoder (n_inputs → n_code) and the decoder (n_code → n_inputs); "
            "each Dense layer has its inputs times its units weights and one bias per "
            "unit.",
            nudge="Count the two Dense layers separately. The encoder's units are the code, "
            "so it has as many biases as the code has numbers; the decoder's units are "
            "the rebuilt pixels, so it has one bias per pixel. Check your count on the "
            "notebook's 784 → 32 → 784 model, whose total the lesson gives.",
        ),
        Exercise(
            "per_image_mse",
            hint="square the difference of every pixel, then average over the pixels of each "
            "image separately: one number per image (row).",
            nudge="The arrays hold one image per row. The squared differences have the same "
            "shape; averaging them along the pixel axis (the columns) leaves one number "
            "for each row. No square root, and no averaging over the images.",
        ),
        Exercise(
            "anomaly_threshold",
            hint="the threshold is the error level that only the fraction false_alarm_rate "
            "of the normal validation errors exceeds.",
            nudge="Sort the normal errors in your head: the threshold sits where the top "
            "false_alarm_rate of them begins. That point is a quantile: which fraction "
            "of the errors lies below it? NumPy's quantile takes that fraction (between "
            "0 and 1) and returns one number.",
        ),
    ],
)
hint = CATALOGUE.hint


def check_autoencoder_params(
    autoencoder_params: Callable[[int, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``autoencoder_params(n_inputs, n_code)``: weights and biases of the ``n → k → n``
    dense layers."""
    cases = [
        Case((784, 32), 50_992, label="the notebook's 784 → 32 → 784 model"),
        Case((784, 2), 784 * 2 + 2 + 2 * 784 + 784, label="a 2-number code"),
        Case((10, 3), 10 * 3 + 3 + 3 * 10 + 10, label="a tiny model"),
        Case((4, 4), 4 * 4 + 4 + 4 * 4 + 4, label="code as wide as the input"),
    ]
    mistakes = [
        Mistake("every unit of both layers also has one bias.", like=lambda n, k: 2 * n * k),
        Mistake(
            "the decoder's units are the n rebuilt pixels: it has n biases, not k.",
            like=lambda n, k: 2 * n * k + 2 * k,
        ),
        Mistake(
            "the encoder's units are the k code numbers: it has k biases, not n.",
            like=lambda n, k: 2 * n * k + 2 * n,
        ),
        Mistake("that is the encoder only; add the decoder.", like=lambda n, k: n * k + k),
    ]
    return check_function(
        autoencoder_params,
        cases,
        exercise=CATALOGUE["autoencoder_params"],
        mistakes=mistakes,
        quiet=quiet,
    )


def _same_vector(got: Any, expected: Any) -> bool:
    return np.ndim(got) == 1 and values_match(got, expected)


def check_per_image_mse(
    per_image_mse: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``per_image_mse(x, x_rebuilt)`` must return one mean squared error per row."""
    rng = np.random.default_rng(3)
    x = rng.random((5, 784)).astype(np.float32)
    x_hat = rng.random((5, 784)).astype(np.float32)
    small_x = np.array([[0.0, 1.0, 0.5, 0.5], [1.0, 1.0, 1.0, 1.0]])
    small_hat = np.array([[0.0, 0.0, 0.5, 1.0], [1.0, 1.0, 1.0, 1.0]])
    cases = [
        Case(
            (small_x, small_hat),
            np.array([(1.0 + 0.25) / 4, 0.0]),
            label="two images of 4 pixels; the second is rebuilt perfectly",
        ),
        Case(
            (x, x_hat),
            np.mean((x.astype(float) - x_hat) ** 2, axis=1),
            label="five random 784-pixel images",
        ),
        Case((x[:1], x[:1]), np.array([0.0]), label="one image rebuilt perfectly"),
    ]
    mistakes = [
        Mistake(
            "one number per image: average over the pixels of each row, not over everything.",
            when=lambda got, exp: np.ndim(got) == 0,
        ),
        Mistake(
            "that averages each pixel over the images; average each image over its pixels instead.",
            like=lambda a, b: np.mean((a - b) ** 2, axis=0),
        ),
        Mistake(
            "take the mean over the pixels, not the sum.",
            like=lambda a, b: np.sum((a - b) ** 2, axis=1),
        ),
        Mistake(
            "square the differences (that is the absolute error).",
            like=lambda a, b: np.mean(np.abs(a - b), axis=1),
        ),
        Mistake(
            "no square root: the mean squared error, not its root.",
            like=lambda a, b: np.sqrt(np.mean((a - b) ** 2, axis=1)),
        ),
    ]
    return check_function(
        per_image_mse,
        cases,
        exercise=CATALOGUE["per_image_mse"],
        compare=_same_vector,
        mistakes=mistakes,
        quiet=quiet,
    )


def check_anomaly_threshold(
    anomaly_threshold: Callable[[Any, float], Any], *, quiet: bool = False
) -> CheckResult:
    """``anomaly_threshold(val_errors, rate)`` must return the ``1 - rate`` quantile."""
    errors = np.linspace(0.0, 1.0, 101)  # 0.00, 0.01, ..., 1.00
    rng = np.random.default_rng(4)
    skewed = rng.gamma(2.0, 0.01, size=1000)
    cases = [
        Case((errors, 0.02), 0.98, label="errors 0.00 … 1.00, 2 % false alarms"),
        Case((errors, 0.10), 0.90, label="errors 0.00 … 1.00, 10 % false alarms"),
        Case((skewed, 0.05), float(np.quantile(skewed, 0.95)), label="skewed errors, 5 %"),
        Case((errors, 0.0), 1.0, label="no false alarms allowed: the largest error"),
    ]
    mistakes = [
        Mistake("return one number, not an array.", when=lambda got, exp: np.ndim(got) > 0),
        Mistake(
            "that is the wrong tail: the threshold leaves the fraction false_alarm_rate of "
            "the errors above it, not below.",
            like=lambda e, r: float(np.quantile(e, r)),
        ),
        Mistake(
            "np.percentile counts in percent (0 to 100), np.quantile in fractions (0 to 1).",
            like=lambda e, r: float(np.percentile(e, 1 - r)),
        ),
    ]
    return check_function(
        anomaly_threshold,
        cases,
        exercise=CATALOGUE["anomaly_threshold"],
        compare=lambda got, exp: np.ndim(got) == 0 and values_match(got, exp),
        mistakes=mistakes,
        quiet=quiet,
    )
