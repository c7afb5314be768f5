"""Notebook 10_autoencoders: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import autoencoders


def _pca(x: np.ndarray, k: int, *, centre: bool = True, add_back: bool = True) -> np.ndarray:
    mean = x.mean(axis=0) if centre else np.zeros(x.shape[1])
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    rebuilt = (x - mean) @ vt[:k].T @ vt[:k]
    return rebuilt + mean if add_back else rebuilt


def _pca_smallest(x: np.ndarray, k: int) -> np.ndarray:
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[-k:].T @ vt[-k:] + mean


def _pca_columns(x: np.ndarray, k: int) -> np.ndarray:
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[:, :k] @ vt[:, :k].T + mean


def _pca_codes(x: np.ndarray, k: int) -> np.ndarray:
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[:k].T


#: Plausible {code size: error} answers, each wrong in one way (the check calls the function).
REALISTIC = {2: 0.070, 8: 0.060, 32: 0.040, 128: 0.030}


def _returns(value: Any) -> Callable[..., Any]:
    return lambda code_sizes, x, x_val: value


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("10_autoencoders", "pca_reconstruct"): [
        ("mean not subtracted", lambda x, k: _pca(x, k, centre=False)),
        ("mean not added back", lambda x, k: _pca(x, k, add_back=False)),
        ("smallest directions", _pca_smallest),
        ("columns of Vt", _pca_columns),
        ("returns the codes", _pca_codes),
    ],
    ("10_autoencoders", "detection_rate"): [
        ("the wrong tail", lambda v, o, r: float(np.mean(o > np.quantile(v, r)))),
        ("percentile of a fraction", lambda v, o, r: float(np.mean(o > np.percentile(v, 1 - r)))),
        (
            "threshold from the odd errors",
            lambda v, o, r: float(np.mean(o > np.quantile(o, 1 - r))),
        ),
        ("false-alarm rate instead", lambda v, o, r: float(np.mean(v > np.quantile(v, 1 - r)))),
        ("misses instead of hits", lambda v, o, r: float(np.mean(o <= np.quantile(v, 1 - r)))),
        ("a count", lambda v, o, r: float(np.sum(o > np.quantile(v, 1 - r)))),
        ("an array", lambda v, o, r: o > np.quantile(v, 1 - r)),
    ],
    ("10_autoencoders", "code_size_errors"): [
        ("a list, not a dictionary", _returns(list(REALISTIC.values()))),
        ("keys as text", _returns({str(k): v for k, v in REALISTIC.items()})),
        ("a code size missing", _returns({2: 0.07, 8: 0.06, 32: 0.04})),
        ("errors on the 0-255 scale", _returns({k: v * 255**2 for k, v in REALISTIC.items()})),
        ("untrained models", _returns({2: 0.21, 8: 0.22, 32: 0.2, 128: 0.21})),
        ("the same model every time", _returns({2: 0.04, 8: 0.04, 32: 0.04, 128: 0.04})),
        (
            "errors stored under the wrong sizes",
            _returns(dict(zip(REALISTIC, [0.03, 0.04, 0.06, 0.07]))),
        ),
        ("arrays of per-image errors", _returns({k: np.full(20, v) for k, v in REALISTIC.items()})),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("10_autoencoders", "pca_reconstruct"): autoencoders.check_pca_reconstruct,
    ("10_autoencoders", "detection_rate"): autoencoders.check_detection_rate,
    ("10_autoencoders", "code_size_errors"): autoencoders.check_code_size_errors,
}
