"""Self-checks for notebook 10 (autoencoders).

>>> _ = check_autoencoder_params(lambda n, k: 2 * n * k + n + k)
✅ autoencoder_params passed all 4 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function, values_match


def check_autoencoder_params(autoencoder_params: Callable[[int, int], Any], *,
                             quiet: bool = False) -> CheckResult:
    """``autoencoder_params(n_inputs, n_code)``: weights and biases of ``n → k → n`` dense layers."""
    cases = [
        Case((784, 32), 50_992, label="the notebook's 784 → 32 → 784 model"),
        Case((784, 2), 784 * 2 + 2 + 2 * 784 + 784, label="a 2-number code"),
        Case((10, 3), 10 * 3 + 3 + 3 * 10 + 10, label="a tiny model"),
        Case((4, 4), 4 * 4 + 4 + 4 * 4 + 4, label="code as wide as the input"),
    ]
    return check_function(autoencoder_params, cases, name="autoencoder_params", quiet=quiet,
                          hint="Each Dense layer from n inputs to m units has n·m weights and m "
                               "biases; add the encoder (n → k) and the decoder (k → n).")


def _same_vector(got: Any, expected: Any) -> bool:
    return np.ndim(got) == 1 and values_match(got, expected)


def check_per_image_mse(per_image_mse: Callable[[Any, Any], Any], *,
                        quiet: bool = False) -> CheckResult:
    """``per_image_mse(x, x_rebuilt)`` must return one mean squared error per row."""
    rng = np.random.default_rng(3)
    x = rng.random((5, 784)).astype(np.float32)
    x_hat = rng.random((5, 784)).astype(np.float32)
    small_x = np.array([[0.0, 1.0, 0.5, 0.5], [1.0, 1.0, 1.0, 1.0]])
    small_hat = np.array([[0.0, 0.0, 0.5, 1.0], [1.0, 1.0, 1.0, 1.0]])
    cases = [
        Case((small_x, small_hat), np.array([(1.0 + 0.25) / 4, 0.0]),
             label="two images of 4 pixels; the second is rebuilt perfectly"),
        Case((x, x_hat), np.mean((x.astype(float) - x_hat) ** 2, axis=1),
             label="five random 784-pixel images"),
        Case((x[:1], x[:1]), np.array([0.0]), label="one image rebuilt perfectly"),
    ]
    return check_function(per_image_mse, cases, name="per_image_mse", quiet=quiet,
                          compare=_same_vector,
                          hint="Square the differences, then average over the pixels of each "
                               "image: np.mean(..., axis=1). The result has one number per image.")


def check_anomaly_threshold(anomaly_threshold: Callable[[Any, float], Any], *,
                            quiet: bool = False) -> CheckResult:
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
    return check_function(anomaly_threshold, cases, name="anomaly_threshold", quiet=quiet,
                          compare=lambda got, exp: np.ndim(got) == 0 and values_match(got, exp),
                          hint="The threshold leaves the fraction `false_alarm_rate` of the "
                               "errors above it: np.quantile(val_errors, 1 - false_alarm_rate).")
