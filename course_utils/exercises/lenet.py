"""Self-checks for notebook 09 (LeNet on MNIST): cases and diagnoses.

>>> _ = check_modified_parameters(61_706)  # doctest: +ELLIPSIS
❌ modified_parameters: 61706 is not right yet.
   Hint: that is LeNet's own count; the variant has other kernels, other padding and ...
>>> def lenet_block(x, kernels, bias, padding="valid"):
...     maps = np.maximum(_conv(x, kernels, bias, padding), 0)
...     h, w = maps.shape[0] // 2, maps.shape[1] // 2
...     return maps[: 2 * h, : 2 * w].reshape(h, 2, w, 2, -1).max(axis=(1, 3))
>>> _ = check_lenet_block(lenet_block)
✅ lenet_block passed all 4 checks. Well done!
>>> def top_k_accuracy(probabilities, y_true, k):
...     top = np.argsort(probabilities, axis=1)[:, -k:]
...     return float(np.mean([t in row for t, row in zip(y_true, top)]))
>>> _ = check_top_k_accuracy(top_k_accuracy)
✅ top_k_accuracy passed all 5 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    check_function,
    check_value,
)

CATALOGUE = Catalogue(
    "09_lenet_mnist",
    [
        Exercise(
            "modified_parameters",
            hint="go down the variant layer by layer, as in the lesson's count: first each "
            "layer's output shape, then its parameters (weights and one bias per filter or "
            "unit). The shape that reaches Flatten decides the size of the first dense layer.",
            nudge="A 'same' convolution with stride 1 keeps the height and width, whatever the "
            "kernel size; each 2 × 2 pooling halves them. A filter of the second convolution "
            "reaches through every map the first one made. Write the eight layers in a table "
            "with their output shapes before counting anything.",
        ),
        Exercise(
            "lenet_block",
            hint="one block is the convolution (with its bias), then ReLU, then 2 × 2 max "
            "pooling with stride 2 applied to every map separately; the padding argument is "
            "passed on to the convolution.",
            nudge="Check the shapes on paper first: a 'valid' 3 × 3 convolution of a 7 × 7 input "
            "gives 5 × 5 maps, and Keras' pooling then keeps only whole 2 × 2 blocks, so the "
            "last row and column are dropped. The pooling takes the largest of four numbers "
            "in each block and map, never mixing maps.",
        ),
        Exercise(
            "top_k_accuracy",
            hint="a row counts as right when its true label is among the k classes with the "
            "largest probabilities; return the fraction of such rows.",
            nudge="Sorting a row's probabilities gives the classes from the least to the most "
            "probable, so the top k are at one end. For every row ask whether the true "
            "label is among those k, then average the True/False answers into a "
            "fraction between 0 and 1.",
        ),
    ],
)
hint = CATALOGUE.hint


# ---- exercise 1: a modified LeNet's parameters, predicted -----------------------------------
def _count(
    kernel: int,
    filters: tuple[int, int],
    pad: tuple[bool, bool],
    *,
    pools: int = 2,
    bias: bool = True,
    deep: bool = True,
) -> int:
    """Parameters of a LeNet variant (28 x 28 x 1 input), for the check's wrong answers."""
    b = int(bias)
    side = 28
    side = side if pad[0] else side - kernel + 1
    side //= 2
    side = side if pad[1] else side - kernel + 1
    if pools == 2:
        side //= 2
    conv1 = (kernel * kernel * 1 + b) * filters[0]
    conv2 = (kernel * kernel * (filters[0] if deep else 1) + b) * filters[1]
    flat = side * side * filters[1]
    return conv1 + conv2 + (flat + b) * 120 + (120 + b) * 84 + (84 + b) * 10


#: The variant: 3 x 3 kernels, "same" padding in both convolutions, 8 then 16 filters.
MODIFIED_PARAMETERS = _count(3, (8, 16), (True, True))


def check_modified_parameters(modified_parameters: Any, *, quiet: bool = False) -> CheckResult:
    """The parameter count of LeNet with 3 × 3 kernels, "same" padding in both convolutions and
    8, then 16 filters (the rest as LeNet), predicted by the learner and never revealed.

    >>> _ = check_modified_parameters(...)  # doctest: +ELLIPSIS
    ⏳ modified_parameters is not filled in yet: ...
    """
    same = (True, True)
    mistakes = [
        Mistake(
            "that is LeNet's own count; the variant has other kernels, other padding and other "
            "numbers of filters.",
            like=61_706,
        ),
        Mistake(
            "the second convolution pads 'same' in this variant too, so it keeps the height "
            "and width of the pooled maps.",
            like=_count(3, (8, 16), (True, False)),
        ),
        Mistake(
            "both convolutions pad 'same' here: a 'same' convolution with stride 1 keeps the "
            "height and width, so what reaches Flatten is larger than in LeNet.",
            like=_count(3, (8, 16), (False, False)),
        ),
        Mistake(
            "every filter and every dense unit also has one bias.",
            like=_count(3, (8, 16), same, bias=False),
        ),
        Mistake(
            "each filter (and each dense unit) also has one bias: count the convolutions' "
            "biases too.",
            like=_count(3, (8, 16), same) - (8 + 16),  # no bias in the two convolutions
        ),
        Mistake(
            "each dense unit (and each filter) also has one bias: count the dense layers' "
            "biases too.",
            like=_count(3, (8, 16), same) - (120 + 84 + 10),  # no bias in the dense layers
        ),
        Mistake(
            "each convolution is followed by a 2 × 2 pooling: count both halvings.",
            like=_count(3, (8, 16), same, pools=1),
        ),
        Mistake(
            "a filter of the second convolution reaches through all the maps the first one "
            "made, not through one channel.",
            like=_count(3, (8, 16), same, deep=False),
        ),
        Mistake(
            "the variant's kernels are 3 × 3, not LeNet's 5 × 5.",
            like=_count(5, (8, 16), same),
        ),
        Mistake(
            "the variant's first convolution has 8 filters, not LeNet's 6.",
            like=_count(3, (6, 16), same),
        ),
    ]
    return check_value(
        modified_parameters,
        MODIFIED_PARAMETERS,
        exercise=CATALOGUE["modified_parameters"],
        mistakes=mistakes,
        whole_number=True,
        quiet=quiet,
    )


# ---- exercise 2: one block of LeNet in NumPy ---------------------------------------------------
def _conv(x: np.ndarray, kernels: np.ndarray, bias: np.ndarray, padding: str) -> np.ndarray:
    """Notebook 09's ``conv_layer`` (stride 1, odd kernels): (h, w, d) -> (h_out, w_out, n)."""
    if padding == "same":
        p = kernels.shape[0] // 2
        x = np.pad(x, ((p, p), (p, p), (0, 0)))
    windows = sliding_window_view(x, kernels.shape[:2], axis=(0, 1))
    return np.einsum("ijcuv,uvcn->ijn", windows, kernels) + bias


def _pool(
    maps: np.ndarray, reduce: Callable[..., Any] = np.max, keep_edge: bool = False, stride: int = 2
) -> np.ndarray:
    h, w = maps.shape[:2]
    rows = range(0, h if keep_edge else h - 1, stride)
    cols = range(0, w if keep_edge else w - 1, stride)
    return np.array([[reduce(maps[i : i + 2, j : j + 2], axis=(0, 1)) for j in cols] for i in rows])


def _block(x: Any, kernels: Any, bias: Any, padding: str = "valid") -> np.ndarray:
    return _pool(np.maximum(_conv(x, kernels, bias, padding), 0))


def check_lenet_block(lenet_block: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``lenet_block(x, kernels, bias, padding)`` must return the convolution (with bias) of
    ``x`` (h, w, d), then ReLU, then 2 × 2 max pooling with stride 2 (odd edges dropped)."""
    rng = np.random.default_rng(9)
    shapes = [
        ((6, 6, 1), (3, 3, 1, 2), "valid", "one channel, 'valid'"),
        ((8, 8, 3), (3, 3, 3, 4), "same", "three channels, 'same'"),
        ((7, 7, 2), (3, 3, 2, 3), "valid", "odd size: 5 × 5 maps before pooling"),
        ((9, 9, 2), (5, 5, 2, 2), "same", "5 × 5 kernels, 'same', odd size"),
    ]
    cases = []
    for x_shape, k_shape, padding, label in shapes:
        x = rng.random(x_shape)
        kernels = rng.normal(size=k_shape)
        bias = rng.normal(size=k_shape[-1])
        cases.append(
            Case(
                (x, kernels, bias),
                _block(x, kernels, bias, padding),
                kwargs={"padding": padding},
                label=label,
            )
        )
    mistakes = [
        Mistake(
            "ReLU is missing: a block's maps are never negative.",
            like=lambda x, k, b, padding="valid": _pool(_conv(x, k, b, padding)),
        ),
        Mistake(
            "the pooling is missing: a block ends with 2 × 2 max pooling.",
            like=lambda x, k, b, padding="valid": np.maximum(_conv(x, k, b, padding), 0),
        ),
        Mistake(
            "LeNet here pools with the maximum of each 2 × 2 block, not the average.",
            like=lambda x, k, b, padding="valid": _pool(
                np.maximum(_conv(x, k, b, padding), 0), np.mean
            ),
        ),
        Mistake(
            "the pooling windows do not overlap: they move by 2 (stride 2), not by 1.",
            like=lambda x, k, b, padding="valid": _pool(
                np.maximum(_conv(x, k, b, padding), 0), stride=1
            ),
        ),
        Mistake(
            "like Keras' MaxPooling2D, keep only whole 2 × 2 blocks: an odd last row or "
            "column is dropped.",
            like=lambda x, k, b, padding="valid": _pool(
                np.maximum(_conv(x, k, b, padding), 0), keep_edge=True
            ),
        ),
        Mistake(
            "the padding argument is ignored: pass it on to the convolution.",
            like=lambda x, k, b, padding="valid": _block(x, k, b, "valid"),
        ),
        Mistake(
            "pool each map on its own: the block keeps one map per filter.",
            like=lambda x, k, b, padding="valid": _block(x, k, b, padding).max(axis=-1),
        ),
        Mistake(
            "the bias is missing: each filter adds its own bias before ReLU.",
            like=lambda x, k, b, padding="valid": _block(x, k, np.zeros_like(b), padding),
        ),
    ]
    return check_function(
        lenet_block, cases, exercise=CATALOGUE["lenet_block"], mistakes=mistakes, quiet=quiet
    )


# ---- exercise 3: top-k accuracy ---------------------------------------------------------------
def _reference_top_k(probabilities: np.ndarray, y_true: np.ndarray, k: int) -> float:
    top = np.argsort(probabilities, axis=1)[:, -k:]
    return float((top == y_true[:, None]).any(axis=1).mean())


def check_top_k_accuracy(
    top_k_accuracy: Callable[[Any, Any, int], Any], *, quiet: bool = False
) -> CheckResult:
    """``top_k_accuracy(probabilities, y_true, k)`` must return the fraction (0 to 1) of rows
    whose true label is among the ``k`` largest probabilities."""
    rng = np.random.default_rng(9)
    small = np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.2, 0.3, 0.5], [0.7, 0.2, 0.1]])
    small_true = np.array([2, 0, 1, 2])
    probabilities = rng.dirichlet(np.ones(10), size=50)
    y_true = rng.integers(0, 10, size=50)
    cases = [
        Case((small, small_true, 1), 0.25, label="k = 1 is the ordinary accuracy"),
        Case((small, small_true, 2), 0.75, label="k = 2 on four rows"),
        Case((small, small_true, 3), 1.0, label="k = number of classes: always right"),
        Case(
            (probabilities, y_true, 3),
            _reference_top_k(probabilities, y_true, 3),
            label="50 random rows of 10 classes, k = 3",
        ),
        Case(
            (probabilities, y_true, 5),
            _reference_top_k(probabilities, y_true, 5),
            label="50 random rows of 10 classes, k = 5",
        ),
    ]

    def hits(p: np.ndarray, y: np.ndarray, columns: slice) -> np.ndarray:
        return (np.argsort(p, axis=1)[:, columns] == np.asarray(y)[:, None]).any(axis=1)

    mistakes = [
        Mistake(
            "sorting goes from the smallest probability to the largest: the top k are at "
            "the other end.",
            like=lambda p, y, k: float(hits(p, y, slice(None, k)).mean()),
        ),
        Mistake(
            "take exactly k classes per row.",
            like=lambda p, y, k: float(hits(p, y, slice(-k - 1, None)).mean()),
        ),
        Mistake(
            "return a fraction between 0 and 1, not a count of rows.",
            like=lambda p, y, k: int(hits(p, y, slice(-k, None)).sum()),
        ),
        Mistake(
            "use k: with k = 2 the two most probable classes both count.",
            like=lambda p, y, k: float(np.mean(p.argmax(axis=1) == y)),
        ),
    ]
    return check_function(
        top_k_accuracy, cases, exercise=CATALOGUE["top_k_accuracy"], mistakes=mistakes, quiet=quiet
    )
