"""Self-checks for notebook 08 (the building blocks of a convolutional network): cases and
diagnoses.

Three exercises: design a kernel for thin "/" lines (:func:`check_diagonal_kernel`), predict a
layer stack's output shapes and parameter counts before Keras prints them
(:func:`check_stack_prediction`), and compute the receptive field of a stack of layers
(:func:`check_receptive_field`).

>>> _ = check_receptive_field(lambda specs: 1 + sum(f - 1 for f, s in specs))  # doctest: +ELLIPSIS
❌ receptive_field: case 4 of 8 (a 2 × 2 pooling, then a 3 × 3 convolution) failed
...
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from course_utils.checking import (
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    check_answer,
    check_function,
    check_one_pair_per_layer,
    same_int,
)

CATALOGUE = Catalogue(
    "08_cnn_building_blocks",
    [
        Exercise(
            "diagonal_kernel",
            hint="think of the three kinds of pixels under the window: those on the line, which "
            "should pull the response up, those beside it, which should pull it down, and "
            "a flat patch, where the two must cancel exactly.",
            nudge="Check three properties in turn. A flat patch (every pixel the same) must "
            "give 0: what is the response there, in terms of the weights? Which three cells "
            "does a '/' line cross? Row 0 of the kernel is the top of the window, so draw "
            "the window first. And what does a vertical, a horizontal or the other diagonal "
            "line cover: how many of the '/' cells, how many beside them?",
        ),
        Exercise(
            "stack_prediction",
            hint="go layer by layer, starting from 30 × 30 × 3: each layer's output is the next "
            "layer's input. Sizes follow the output-size rule of the lesson (and 'same' "
            "padding's rounding); a filter reaches through every input channel and has "
            "one bias; pooling and Flatten learn nothing.",
            nudge="For a Conv2D, the output has as many channels as the layer has filters, and "
            "each filter has one weight per cell of its window per input channel, plus "
            "one bias. A 2 × 2 pooling halves height and width, dropping an odd last row "
            "or column. Flatten lays every number of its input out in one line. A Dense "
            "layer has one weight per input per unit, plus one bias per unit.",
        ),
        Exercise(
            "receptive_field",
            hint="draw a small example on paper: two layers of 3 × 3 windows with stride 1, "
            "then the same with a stride of 2 in the first. Mark the input pixels one cell "
            "of the last map depends on, and count.",
            nudge="On your drawing, look at two neighbouring cells of the map a stride-2 layer "
            "makes: how far apart are the input pixels they start from? The next layer's "
            "window steps over those cells, so what does one of its steps cover in the "
            "input?",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- 1. a "/" kernel
def _valid_map(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """'Valid' cross-correlation of a 2-D image with a 3 × 3 kernel."""
    return np.einsum("ijuv,uv->ij", sliding_window_view(image, (3, 3)), kernel)


def _line_pictures(size: int = 9) -> dict[str, np.ndarray]:
    """One-pixel lines of brightness 1 on black, across a size × size picture."""
    slash, backslash = np.zeros((size, size)), np.eye(size)
    slash[np.arange(size), size - 1 - np.arange(size)] = 1.0
    vertical, horizontal = np.zeros((size, size)), np.zeros((size, size))
    vertical[:, size // 2] = 1.0
    horizontal[size // 2, :] = 1.0
    return {
        "'/' line": slash,
        "'\\' line": backslash,
        "vertical line": vertical,
        "horizontal line": horizontal,
    }


def _number(value: float) -> str:
    return f"{value + 0.0:.3g}"


def _inspect_diagonal_kernel(kernel: Any) -> str:
    try:
        k = np.asarray(kernel, dtype=float)
    except (TypeError, ValueError):
        raise Problem(
            f"it should be a 3 × 3 array of numbers, got {type(kernel).__name__}.",
            hint="make it with np.array and a list of three rows of three numbers.",
        ) from None
    if k.shape != (3, 3):
        raise Problem(
            f"it should be a 3 × 3 array of numbers, got shape {k.shape}.",
            hint="three rows of three numbers: the top row of the window first.",
        )
    if not np.all(np.isfinite(k)):
        raise Problem("it holds NaN or infinite values.", hint="use ordinary numbers.")
    scale = float(np.abs(k).max())
    if scale == 0:
        raise Problem(
            "every weight is 0, so its map is 0 everywhere: it detects nothing.",
            hint="the cells the line crosses need a positive weight.",
        )
    tolerance = 1e-6 * scale
    flat = float(k.sum())  # the response on a patch whose pixels are all 1
    if abs(flat) > tolerance:
        raise Problem(
            f"on a flat patch (every pixel 1) your kernel gives {_number(flat)}, not 0: it "
            f"would light up every evenly lit area, line or no line.",
            hint="on a flat patch the response is the sum of the nine weights: the negative "
            "weights must exactly balance the positive ones.",
        )
    maps = {name: _valid_map(picture, k) for name, picture in _line_pictures().items()}
    slash = maps["'/' line"]
    rows, cols = np.indices(slash.shape)
    centred = rows + cols == slash.shape[0] - 1  # windows whose centre lies on the line
    on_line = float(slash[centred].min())
    if on_line <= tolerance:
        said = (
            "it finds the other diagonal: row 0 of the kernel is the top of the window. Draw "
            "the window and a '/' line through it: which corners does the line go through?"
            if np.trace(k) > tolerance  # the response centred on a '\\' line
            else "a line is bright in the middle and dark on BOTH sides; a kernel for edges "
            "(bright on one side only) gives 0 where the window is centred on a thin line."
            if np.allclose(np.rot90(k, 2), -k, atol=tolerance)
            else "the three cells the line crosses should carry the positive weights."
        )
        raise Problem(
            f"on a one-pixel '/' line your kernel gives {_number(on_line)} where the window is "
            f"centred on the line: it should give a clearly positive value there.",
            hint=said,
        )
    beside = float(slash[~centred].max())
    if beside >= on_line - tolerance:
        raise Problem(
            f"on the '/' line your kernel gives {_number(on_line)} where the window is centred "
            f"on it, but {_number(beside)} where it is not: the largest response should be "
            f"exactly on the line.",
            hint="the cells beside the line's three cells should pull the response down.",
        )
    for name in ("'\\' line", "vertical line", "horizontal line"):
        strongest = float(np.abs(maps[name]).max())
        if strongest > on_line / 2 + tolerance:
            raise Problem(
                f"on a {name} your kernel gives up to {_number(strongest)} (in size), more than "
                f"half of its {_number(on_line)} on the '/' line.",
                hint=f"draw a {name} through the window: count which of its cells are '/' "
                f"cells and which lie beside the '/' line, and compare the weights it picks "
                f"up with those a '/' line picks up.",
            )
    others = max(float(np.abs(maps[name]).max()) for name in maps if name != "'/' line")
    return (
        f"is right: {_number(on_line)} on the '/' line, at most {_number(others)} (in size) on "
        f"the other three lines, 0 on flat patches."
    )


def check_diagonal_kernel(diagonal_kernel: Any, *, quiet: bool = False) -> CheckResult:
    """``diagonal_kernel``: a 3 × 3 kernel that finds thin lines running like '/'.

    It must give 0 on flat patches, its largest (positive) response where the window is
    centred on a one-pixel '/' line, and at most half of that, in size, on a '\\' line, a
    vertical line and a horizontal line.

    >>> _ = check_diagonal_kernel(np.ones((3, 3)))  # doctest: +ELLIPSIS
    ❌ diagonal_kernel: on a flat patch (every pixel 1) your kernel gives 9, not 0: ...
    """
    return check_answer(
        diagonal_kernel,
        _inspect_diagonal_kernel,
        exercise=CATALOGUE["diagonal_kernel"],
        quiet=quiet,
    )


# --------------------------------------------------------------------------- 2. a layer stack
#: The input of exercise 2's stack: height, width, channels.
STACK_INPUT = (30, 30, 3)


@dataclass(frozen=True)
class Layer:
    """One layer of exercise 2's stack, as the task shows it."""

    code: str
    kind: str  # "conv", "pool", "flatten" or "dense"
    units: int = 0  # filters of a Conv2D, units of a Dense
    size: int = 0  # side of the window of a Conv2D or a pooling
    stride: int = 1
    padding: str = "valid"


#: Exercise 2's stack, in order, written as in the task.
STACK = (
    Layer("Conv2D(8, (5, 5))", "conv", units=8, size=5),
    Layer("MaxPooling2D((2, 2))", "pool", size=2, stride=2),
    Layer('Conv2D(16, (3, 3), strides=2, padding="same")', "conv", 16, 3, 2, "same"),
    Layer("Conv2D(4, (1, 1))", "conv", units=4, size=1),
    Layer("MaxPooling2D((2, 2))", "pool", size=2, stride=2),
    Layer("Flatten()", "flatten"),
    Layer("Dense(10)", "dense", units=10),
)


def _side(n: int, layer: Layer) -> int:
    """The output side of a convolution or pooling on an input side of n (as Keras)."""
    if layer.padding == "same":
        return math.ceil(n / layer.stride)
    return (n - layer.size) // layer.stride + 1


def _layer_output(shape: tuple[int, ...], layer: Layer) -> tuple[tuple[int, ...], int]:
    """A layer's output shape and its number of parameters, for an input of ``shape``."""
    if layer.kind == "flatten":
        return (int(np.prod(shape)),), 0
    if layer.kind == "dense":
        return (layer.units,), (shape[-1] + 1) * layer.units
    h, w, d = shape
    if layer.kind == "pool":
        return (_side(h, layer), _side(w, layer), d), 0
    return (_side(h, layer), _side(w, layer), layer.units), (
        layer.size * layer.size * d + 1
    ) * layer.units


def stack_answer() -> list[tuple[tuple[int, ...], int]]:
    """Each layer's output shape (without the batch axis) and parameter count, in order."""
    answer, shape = [], STACK_INPUT
    for layer in STACK:
        shape, count = _layer_output(shape, layer)
        answer.append((shape, count))
    return answer


def _as_shape(value: Any) -> tuple[int, ...] | None:
    if not isinstance(value, tuple | list) or not value:
        return None
    if not all(
        (isinstance(v, int | np.integer) and not isinstance(v, bool)) or v is None for v in value
    ):
        return None
    return tuple(None if v is None else int(v) for v in value)  # type: ignore[misc]


def _shape_mistake(layer: Layer, got: tuple[Any, ...], right: tuple[int, ...], before: Any) -> str:
    """Why a predicted output shape is wrong, in words (the input ``before`` was right)."""
    if got[:1] == (None,):
        return "leave out the batch axis (None): give the shape of one example's output."
    if layer.kind in ("flatten", "dense"):
        if len(got) != 1:
            return f"{layer.code.split('(')[0]} gives one axis: a flat list of numbers."
        if layer.kind == "flatten":
            return "Flatten lays every number of its input out in one line: all of them count."
        return "a Dense layer gives one number per unit."
    if len(got) != 3:
        return f"{layer.code.split('(')[0]} gives three axes: height, width and channels."
    if got[2] != right[2]:
        if layer.kind == "pool":
            return "pooling works on each channel separately: the number of channels stays."
        return "a Conv2D layer gives one channel per filter, whatever its input had."
    if layer.kind == "pool":
        if got[0] == -(-before[0] // 2):
            return "like Keras' MaxPooling2D ('valid' by default), drop an odd last row or column."
        return "a 2 × 2 pooling with its default stride of 2 halves the height and the width."
    if layer.padding == "same":
        if got[0] == before[0] // layer.stride or got[0] == (before[0] - layer.size) // 2 + 1:
            return (
                "with 'same' padding Keras pads so that no input pixel is left out: the "
                "number of positions is rounded up, not down."
            )
        if got[0] == before[0]:
            return "'same' keeps the size only at stride 1: a stride of 2 halves it (or nearly)."
        return "with 'same' padding the output size depends only on the input size and the stride."
    if got[0] == before[0]:
        return "'valid' (the default) adds no zeros, so a window larger than 1 × 1 shrinks the map."
    return "count the positions the window can take along one side, the first one included."


def _count_mistake(layer: Layer, got: int, right: int, before: tuple[int, ...]) -> str:
    """Why a predicted parameter count is wrong, in words (the input ``before`` was right)."""
    if layer.kind in ("pool", "flatten"):
        return "pooling and Flatten have no weights: they only summarise or rearrange numbers."
    inputs = before[-1]
    if layer.kind == "dense":
        if got == inputs * layer.units:
            return "each unit of a Dense layer also has one bias."
        return "a Dense unit has one weight for every number of its (flattened) input."
    window = layer.size * layer.size
    if got == window * inputs * layer.units:
        return "the weights are right, but each filter also has one bias."
    if got in ((window + 1) * layer.units, window * layer.units, 0):
        return (
            "a filter reaches through ALL the input channels: it has one weight per cell "
            "of its window per input channel (a 1 × 1 filter too), plus one bias."
        )
    if got == window * inputs * layer.units + inputs:
        return "there is one bias per filter, not one per input channel."
    if got % right == 0:
        return "the map's size does not matter: the same filters are used at every position."
    return "count one filter (its weights and its bias), then multiply by the filters."


def _inspect_stack(prediction: Any) -> str:
    n = len(STACK)
    check_one_pair_per_layer(
        prediction,
        n,
        model="stack",
        example=f"for example a list of {n} pairs such as ((height, width, channels), count).",
    )
    right = stack_answer()
    before: tuple[int, ...] = STACK_INPUT
    for number, (layer, pair, (shape, count)) in enumerate(zip(STACK, prediction, right), 1):
        where = f"layer {number}, {layer.code}"
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise Problem(
                f"{where}: each item should be a pair (shape, parameters).",
                hint="a pair is two things in parentheses: a shape tuple and a whole number.",
            )
        got_shape, got_count = _as_shape(pair[0]), pair[1]
        if got_shape is None:
            raise Problem(
                f"{where}: the shape should be a tuple of whole numbers, such as (6, 6, 1).",
                hint="write a shape like Keras does, without the batch axis; a flat output "
                "has one axis, written with a comma: (n,).",
            )
        if got_shape != shape:
            raise Problem(
                f"{where}: the output shape you predicted is not right yet.",
                hint=_shape_mistake(layer, got_shape, shape, before),
            )
        if not isinstance(got_count, int | np.integer) or isinstance(got_count, bool):
            raise Problem(
                f"{where}: the parameter count should be a whole number (an int), got "
                f"{type(got_count).__name__}.",
                hint="write the count as an int such as 4, not 4.0.",
            )
        if int(got_count) != count:
            raise Problem(
                f"{where}: the output shape is right, but the parameter count you predicted is "
                f"not right yet.",
                hint=_count_mistake(layer, int(got_count), count, before),
            )
        before = shape
    return f"all {n} output shapes and parameter counts are right."


def check_stack_prediction(stack_prediction: Any, *, quiet: bool = False) -> CheckResult:
    """``stack_prediction``: for each layer of :data:`STACK` (input 30 × 30 × 3), the pair
    (output shape without the batch axis, number of parameters), in order.

    The first wrong layer is named, with the likely mistake; no number of the answer is shown.

    >>> _ = check_stack_prediction(stack_answer())
    ✅ stack_prediction is right: all 7 output shapes and parameter counts are right. Well done!
    """
    return check_answer(
        stack_prediction,
        lambda p: "is right: " + _inspect_stack(p),
        exercise=CATALOGUE["stack_prediction"],
        quiet=quiet,
    )


# --------------------------------------------------------------------------- 3. receptive field
def _receptive_field(layer_specs: Sequence[tuple[int, int]]) -> int:
    side, gap = 1, 1
    for f, s in layer_specs:
        side += (f - 1) * gap
        gap *= s
    return side


#: The cases: (label, layer specs).
RECEPTIVE_CASES: tuple[tuple[str, list[tuple[int, int]]], ...] = (
    ("one 3 × 3 convolution", [(3, 1)]),
    ("two 3 × 3 convolutions", [(3, 1), (3, 1)]),
    ("a 2 × 2 pooling alone", [(2, 2)]),
    ("a 2 × 2 pooling, then a 3 × 3 convolution", [(2, 2), (3, 1)]),
    ("convolution, pooling, convolution", [(3, 1), (3, 1), (2, 2), (3, 1)]),
    ("LeNet: 5 × 5 conv, pool, 5 × 5 conv, pool", [(5, 1), (2, 2), (5, 1), (2, 2)]),
    ("three 3 × 3 convolutions with stride 2", [(3, 2), (3, 2), (3, 2)]),
    ("a 1 × 1 convolution, then a 7 × 7 one with stride 2", [(1, 1), (7, 2)]),
)


def check_receptive_field(
    receptive_field: Callable[[list[tuple[int, int]]], Any], *, quiet: bool = False
) -> CheckResult:
    """``receptive_field(layer_specs)``: the side of the square of input pixels that one cell
    of the last layer's map depends on; ``layer_specs`` lists (window size, stride) per layer,
    first layer first. An ``int``.
    """
    cases = [
        Case((specs,), _receptive_field(specs), label=label) for label, specs in RECEPTIVE_CASES
    ]

    def ignores_strides(specs: Sequence[tuple[int, int]]) -> int:
        return 1 + sum(f - 1 for f, _ in specs)

    def stride_too_early(specs: Sequence[tuple[int, int]]) -> int:
        side, gap = 1, 1
        for f, s in specs:
            gap *= s
            side += (f - 1) * gap
        return side

    def last_layer_first(specs: Sequence[tuple[int, int]]) -> int:
        return _receptive_field(list(reversed(specs)))

    mistakes = [
        Mistake(
            "a stride spreads the cells of the next map apart: after a stride-2 layer, two "
            "neighbouring cells are 2 input pixels apart, so every later window covers more.",
            like=ignores_strides,
        ),
        Mistake(
            "the windows of neighbouring cells overlap: a layer adds its window size minus "
            "one, not its whole window size.",
            like=lambda specs: sum(f for f, _ in specs),
        ),
        Mistake(
            "regions do not multiply: the windows of neighbouring cells overlap, so each layer "
            "only adds to the side.",
            like=lambda specs: int(np.prod([f for f, _ in specs])),
        ),
        Mistake(
            "a layer's own stride does not widen its own window: it only spreads the cells "
            "that the layers AFTER it read.",
            like=stride_too_early,
        ),
        Mistake(
            "layer_specs starts with the first layer, the one that reads the image: go "
            "through it in that order (or, going backwards from the last layer, undo each "
            "stride as you go).",
            like=last_layer_first,
        ),
    ]
    return check_function(
        receptive_field,
        cases,
        exercise=CATALOGUE["receptive_field"],
        compare=same_int,
        mistakes=mistakes,
        quiet=quiet,
    )
