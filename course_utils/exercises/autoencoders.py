"""Self-checks for notebook 10 (autoencoders): cases and diagnoses.

>>> import numpy as np
>>> _ = check_detection_rate(lambda v, o, r: float(np.mean(o > np.quantile(v, 1 - r))))
✅ detection_rate passed all 4 checks. Well done!
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
    Problem,
    call_learner,
    check_answer,
    check_function,
    show,
    values_match,
)

CATALOGUE = Catalogue(
    "10_autoencoders",
    [
        Exercise(
            "pca_reconstruct",
            hint="PCA works on the data measured from its average image; the principal "
            "directions come out of the singular value decomposition, strongest first; "
            "each image is projected on the first few, then rebuilt in pixel space.",
            nudge="Four steps: subtract the mean of each column (pixel); decompose the "
            "centred data; keep the requested number of directions that go with the "
            "largest singular values (in NumPy's result they are rows, one per direction, "
            "each as long as an image); take each image's coordinates along them and "
            "turn the coordinates back into pixels, then add the mean back.",
        ),
        Exercise(
            "detection_rate",
            hint="two steps: first a threshold from the normal validation errors alone "
            "(the level that only the fraction false_alarm_rate of them exceeds), then the "
            "share of the odd images whose error is above that threshold.",
            nudge="The threshold is a quantile of the normal errors, the one that leaves "
            "false_alarm_rate of them above it. Then count the odd errors strictly above "
            "the threshold and divide by how many odd images there are: a fraction between "
            "0 and 1.",
        ),
        Exercise(
            "code_size_errors",
            hint="train one autoencoder per code size (the code layer as wide as the code "
            "size), each from scratch on x, then measure its mean reconstruction error on "
            "x_val with pixels scaled to [0, 1].",
            nudge="Build the model inside the loop over the code sizes, so that each size "
            "gets a fresh, untrained model; train it on x as its own target; predict x_val "
            "and compare the prediction with x_val divided by 255. The dictionary's keys "
            "are the code sizes themselves, its values one float each.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- PCA by SVD
def _pca(x: np.ndarray, k: int, *, centre: bool = True, add_back: bool = True) -> np.ndarray:
    mean = x.mean(axis=0) if centre else np.zeros(x.shape[1])
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    directions = vt[:k]
    rebuilt = (x - mean) @ directions.T @ directions
    return rebuilt + mean if add_back else rebuilt


def _last_directions(x: np.ndarray, k: int) -> np.ndarray:
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[-k:].T @ vt[-k:] + mean


def _columns_of_vt(x: np.ndarray, k: int) -> np.ndarray:
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[:, :k] @ vt[:, :k].T + mean


def _pca_data() -> list[tuple[np.ndarray, int, str]]:
    rng = np.random.default_rng(10)
    # 30 points in 5-D that vary mostly along two directions, far from the origin
    spread = rng.normal(size=(30, 2)) @ np.array([[3.0, 1, 0, 0, 1], [0, 1.5, 1, -1, 0]])
    cloud = 5.0 + spread + 0.1 * rng.normal(size=(30, 5))
    small = np.array([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9], [4.0, 8.0]])
    return [
        (small, 1, "4 points in 2-D, almost on a line; 1 component"),
        (cloud, 2, "30 points in 5-D around (5, 5, 5, 5, 5); 2 components"),
        (cloud, 1, "the same points; 1 component"),
        (cloud, 5, "as many components as pixels: the points come back unchanged"),
    ]


def check_pca_reconstruct(
    pca_reconstruct: Callable[[Any, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``pca_reconstruct(x, n_components)``: each row of ``x`` rebuilt from its first
    ``n_components`` principal components, computed with NumPy's SVD."""
    cases = [Case((x, k), _pca(x, k), label=label) for x, k, label in _pca_data()]
    mistakes = [
        Mistake(
            "the mean image was not subtracted before the decomposition: PCA's directions "
            "describe how images differ from the average image, not from a black one.",
            like=lambda x, k: _pca(x, k, centre=False),
        ),
        Mistake(
            "the rebuilt points sit around the origin: the mean, subtracted at the start, "
            "must be added back at the end.",
            like=lambda x, k: _pca(x, k, add_back=False),
        ),
        Mistake(
            "those are the directions of the smallest variation; NumPy sorts the singular "
            "values from the largest down, so the strongest directions come first.",
            like=_last_directions,
        ),
        Mistake(
            "in NumPy's decomposition the directions in pixel space are the rows of the "
            "third result, not its columns.",
            like=_columns_of_vt,
        ),
    ]
    return check_function(
        pca_reconstruct,
        cases,
        exercise=CATALOGUE["pca_reconstruct"],
        compare=lambda got, exp: np.shape(got) == np.shape(exp) and values_match(got, exp),
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- detection rate
def check_detection_rate(
    detection_rate: Callable[[Any, Any, float], Any], *, quiet: bool = False
) -> CheckResult:
    """``detection_rate(val_errors, odd_errors, false_alarm_rate)``: the share of odd images
    caught by the threshold that gives ``false_alarm_rate`` on the normal validation errors."""
    normal = np.linspace(0.0, 1.0, 101)  # 0.00, 0.01, ..., 1.00
    odd = np.array([0.015, 0.5, 0.92, 0.95, 0.97, 0.99, 1.2, 1.5, 2.0])
    rng = np.random.default_rng(5)
    skewed_normal, skewed_odd = rng.gamma(2.0, 0.01, 1000), rng.gamma(4.0, 0.015, 300)

    def reference(v: np.ndarray, o: np.ndarray, r: float) -> float:
        return float(np.mean(o > np.quantile(v, 1 - r)))

    cases = [
        Case((normal, odd, 0.02), reference(normal, odd, 0.02), label="2 % false alarms"),
        Case((normal, odd, 0.10), reference(normal, odd, 0.10), label="10 % false alarms"),
        Case(
            (skewed_normal, skewed_odd, 0.05),
            reference(skewed_normal, skewed_odd, 0.05),
            label="skewed errors, 5 % false alarms",
        ),
        Case((normal, odd, 0.0), reference(normal, odd, 0.0), label="no false alarm allowed"),
    ]
    mistakes = [
        Mistake("return one number, not an array.", when=lambda got, exp: np.ndim(got) > 0),
        Mistake(
            "that threshold is on the wrong tail: it leaves the fraction false_alarm_rate "
            "of the normal errors below it, not above.",
            like=lambda v, o, r: float(np.mean(o > np.quantile(v, r))),
        ),
        Mistake(
            "np.percentile counts in percent (0 to 100), np.quantile in fractions (0 to 1).",
            like=lambda v, o, r: float(np.mean(o > np.percentile(v, 1 - r))),
        ),
        Mistake(
            "the threshold must come from the normal (validation) errors only: the odd "
            "images are unknown when it is chosen.",
            like=lambda v, o, r: float(np.mean(o > np.quantile(o, 1 - r))),
        ),
        Mistake(
            "that is the false-alarm rate on the normal errors; the question is how many "
            "odd images are caught.",
            like=lambda v, o, r: float(np.mean(v > np.quantile(v, 1 - r))),
        ),
        Mistake(
            "that counts the odd images the threshold lets through; count those it flags "
            "(above the threshold).",
            like=lambda v, o, r: float(np.mean(o <= np.quantile(v, 1 - r))),
        ),
        Mistake(
            "return a fraction of the odd images (between 0 and 1), not a count.",
            like=lambda v, o, r: float(np.sum(o > np.quantile(v, 1 - r))),
        ),
    ]
    return check_function(
        detection_rate,
        cases,
        exercise=CATALOGUE["detection_rate"],
        compare=lambda got, exp: np.ndim(got) == 0 and values_match(got, exp),
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- code sizes
#: The code sizes the exercise asks for.
CODE_SIZES = (2, 8, 32, 128)


def _inspect_code_size_errors(errors: Any, x_val: np.ndarray) -> str:
    """Raise :class:`Problem` with what is wrong with ``{code size: error}``, in words."""
    if not isinstance(errors, dict):
        raise Problem(
            f"it should return a dictionary from code size to error, got {type(errors).__name__}.",
            hint="one entry per code size: the size as the key, its error as the value.",
        )
    if sorted(errors, key=str) != sorted(CODE_SIZES, key=str) or not all(
        isinstance(k, int) for k in errors
    ):
        raise Problem(
            f"the keys should be the code sizes asked for, as whole numbers: "
            f"{list(CODE_SIZES)}; got {list(errors)}.",
            hint="use each code size itself as the key.",
        )
    try:
        values = {k: float(errors[k]) for k in CODE_SIZES}
    except (TypeError, ValueError):
        raise Problem(
            "each value should be one number, the mean error on x_val.",
            hint="average the per-image errors into one float per code size.",
        ) from None
    if not all(np.isfinite(v) and v >= 0 for v in values.values()):
        raise Problem("every error should be a finite number, zero or more.")
    if max(values.values()) > 1:
        raise Problem(
            "some errors are larger than 1, impossible for pixels between 0 and 1.",
            hint="compare the model's output (between 0 and 1) with x_val scaled the same "
            "way, not with the raw 0-255 pixels.",
        )
    pixels = x_val.reshape(len(x_val), -1) / np.float32(255)
    mean_image_error = float(np.mean((pixels - pixels.mean(axis=0)) ** 2))
    if values[32] > 0.9 * mean_image_error:
        raise Problem(
            f"with a 32-number code the error is {show(values[32])}, hardly better than "
            f"drawing the average digit every time ({show(mean_image_error)}).",
            hint="is each model really trained on x (as its own target) before it is measured, "
            "for enough updates?",
        )
    if not values[2] > values[8] > values[32] or not values[128] < values[8]:
        raise Problem(
            "the errors do not fall as the code grows: "
            + ", ".join(f"{k} → {show(v)}" for k, v in values.items())
            + ".",
            hint="does each model get its own code size (the width of the code layer), and "
            "a fresh start? Is each error stored under its own code size?",
        )
    return "returns one error per code size, falling as the code grows: " + ", ".join(
        f"{k} → {v:.4f}" for k, v in values.items()
    )


def check_code_size_errors(
    code_size_errors: Any,
    x: Any = None,
    x_val: Any = None,
    *,
    quiet: bool = False,
) -> CheckResult:
    """Call ``code_size_errors(code_sizes, x, x_val)`` with the code sizes 2, 8, 32 and 128
    and inspect the dictionary it returns (code size → mean reconstruction error on
    ``x_val``): the keys, the scale, training, and errors that fall as the code grows.

    ``x`` and ``x_val`` are the notebook's uint8 images (rows of 784 pixels); without them
    (as in the tests) the learner's function is called with small random images, and only
    what does not need real digits is judged strictly.
    """
    exercise = CATALOGUE["code_size_errors"]
    if x is None or x_val is None:
        rng = np.random.default_rng(0)
        x = rng.integers(0, 256, (50, 784), dtype=np.uint8)
        x_val = np.tile(np.linspace(0, 255, 784).astype(np.uint8), (20, 1))
        x_val[::2] = 0
    x, x_val = np.asarray(x), np.asarray(x_val)
    if x.ndim != 2 or x_val.ndim != 2 or x.shape[1] != 784 or x_val.shape[1] != 784:
        raise ValueError(
            f"x and x_val must hold images as rows of 784 pixels, got shapes {x.shape} "
            f"and {x_val.shape}"
        )
    errors, failure = call_learner(
        code_size_errors, exercise.name, list(CODE_SIZES), x, x_val, quiet=quiet, exercise=exercise
    )
    if failure is not None:
        return failure
    return check_answer(
        errors,
        lambda found: _inspect_code_size_errors(found, x_val),
        exercise=exercise,
        shown=exercise.name,
        quiet=quiet,
    )


__all__ = [
    "CATALOGUE",
    "check_code_size_errors",
    "check_detection_rate",
    "check_pca_reconstruct",
    "hint",
]
