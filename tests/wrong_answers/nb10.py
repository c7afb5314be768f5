"""Notebook 10_autoencoders: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import autoencoders

#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("10_autoencoders", "autoencoder_params"): [
        ("forgets every bias", lambda n, k: 2 * n * k),
        ("decoder bias k", lambda n, k: 2 * n * k + 2 * k),
        ("encoder bias n", lambda n, k: 2 * n * k + 2 * n),
        ("encoder only", lambda n, k: n * k + k),
        ("off by one everywhere", lambda n, k: (n + 1) * (k + 1) * 2),
    ],
    ("10_autoencoders", "per_image_mse"): [
        ("one number", lambda x, r: np.mean((x - r) ** 2)),
        ("per pixel", lambda x, r: np.mean((x - r) ** 2, axis=0)),
        ("sum", lambda x, r: np.sum((x - r) ** 2, axis=1)),
        ("absolute error", lambda x, r: np.mean(np.abs(x - r), axis=1)),
        ("root mean square", lambda x, r: np.sqrt(np.mean((x - r) ** 2, axis=1))),
    ],
    ("10_autoencoders", "anomaly_threshold"): [
        ("the wrong tail", lambda e, r: float(np.quantile(e, r))),
        ("percentile of a fraction", lambda e, r: float(np.percentile(e, 1 - r))),
        ("mean + 2 std", lambda e, r: float(np.mean(e) + 2 * np.std(e))),
        ("an array", lambda e, r: np.quantile(e, [1 - r])),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("10_autoencoders", "autoencoder_params"): autoencoders.check_autoencoder_params,
    ("10_autoencoders", "per_image_mse"): autoencoders.check_per_image_mse,
    ("10_autoencoders", "anomaly_threshold"): autoencoders.check_anomaly_threshold,
}
