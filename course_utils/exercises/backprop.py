"""Self-checks for notebook 04 (backpropagation): cases and diagnoses.

>>> _ = check_count_parameters(lambda sizes: sum(a * b + b for a, b in zip(sizes, sizes[1:])))
✅ count_parameters passed all 6 checks. Well done!
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
)

CATALOGUE = Catalogue(
    "04_backpropagation",
    [
        Exercise(
            "dense_backward",
            hint="each gradient has the shape of the thing it belongs to (grad_x that of x, "
            "grad_W that of W, grad_b that of b); let the shapes tell you which two arrays "
            "to multiply, in which order, and whether one has to be turned around.",
            nudge="Write out one entry: out[n, j] is the sum over i of x[n, i]·W[i, j], plus "
            "b[j]. So out[n, j] changes with W[i, j] at the rate x[n, i], with x[n, i] at "
            "the rate W[i, j], and with b[j] at the rate 1. Multiply each rate by "
            "grad_out[n, j] and add up over every index that does not appear in the "
            "gradient you want (for b: over the examples n too).",
        ),
        Exercise(
            "count_parameters",
            hint="count layer by layer: each pair of neighbouring layers contributes its "
            "weights and the biases of the receiving layer.",
            nudge="Between a layer of a units and the next one of b units, each of the a is "
            "connected to each of the b, and each of the b has one bias of its own. "
            "Add that up for every pair of neighbours in layer_sizes; check [4, 4, 1] "
            "by hand against the lesson's count.",
        ),
        Exercise(
            "glorot_limit",
            hint="see section 7: the limit depends on fan_in and fan_out together, and "
            "shrinks as they grow.",
            nudge="A uniform distribution on [−ℓ, ℓ] has variance ℓ²/3. Glorot wants the "
            "weights' variance to be 2 divided by the sum of the two fans, a compromise "
            "between what the forward and the backward pass need. Set the two variances "
            "equal and solve for ℓ.",
        ),
    ],
)
hint = CATALOGUE.hint


def reference_dense_backward(
    x: Any, W: Any, b: Any, grad_out: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a dense layer ``out = x @ W + b`` given ``grad_out = ∂L/∂out``.

    Returns ``(grad_x, grad_W, grad_b)``, each of the shape of ``x``, ``W`` and ``b``.

    >>> gx, gW, gb = reference_dense_backward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4),
    ...                                       np.ones((2, 4)))
    >>> gx.shape, gW.shape, gb.tolist()
    ((2, 3), (3, 4), [2.0, 2.0, 2.0, 2.0])
    """
    x, W, grad_out = (np.asarray(a, dtype=float) for a in (x, W, grad_out))
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)


def _replace(part: int, value: Callable[..., Any]) -> Callable[..., Any]:
    """The reference with one of its three gradients replaced (a plausible mistake)."""

    def wrong(x: Any, W: Any, b: Any, g: Any) -> tuple[Any, ...]:
        grads = list(reference_dense_backward(x, W, b, g))
        grads[part] = value(x, W, b, g)
        return tuple(grads)

    return wrong


def check_dense_backward(dense_backward: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``dense_backward(x, W, b, grad_out)`` → ``(grad_x, grad_W, grad_b)`` for ``out = x @ W + b``.

    ``x`` has one example per row, shape ``(n, inputs)``; ``W`` is ``(inputs, units)``;
    ``b`` is ``(units,)``; ``grad_out`` is ``∂L/∂out``, shape ``(n, units)``.
    """
    rng = np.random.default_rng(7)
    specs = [
        (
            (
                rng.normal(size=(1, 3)),
                rng.normal(size=(3, 2)),
                rng.normal(size=2),
                rng.normal(size=(1, 2)),
            ),
            "one example, 3 inputs, 2 units",
        ),
        (
            (
                rng.normal(size=(5, 3)),
                rng.normal(size=(3, 4)),
                rng.normal(size=4),
                rng.normal(size=(5, 4)),
            ),
            "a batch of 5",
        ),
        (
            (
                rng.normal(size=(4, 2)),
                rng.normal(size=(2, 2)),
                np.zeros(2),
                rng.normal(size=(4, 2)),
            ),
            "square W",
        ),
    ]
    cases = [Case(args, reference_dense_backward(*args), label=label) for args, label in specs]
    mistakes = [
        Mistake(
            "b is added for every example of the batch, so grad_b collects one "
            "contribution per example: add them up.",
            like=_replace(2, lambda x, W, b, g: g),
        ),
        Mistake(
            "add up the examples' contributions to grad_b, do not average them: grad_out "
            "already is the gradient of the whole loss.",
            like=_replace(2, lambda x, W, b, g: g.mean(axis=0)),
        ),
        Mistake(
            "no averaging over the batch in grad_W: grad_out already is the gradient of "
            "the whole loss.",
            like=_replace(1, lambda x, W, b, g: x.T @ g / len(x)),
        ),
        Mistake(
            "grad_W has W's shape (inputs, units), and its entry [i, j] pairs input i with "
            "unit j; yours is turned around.",
            like=_replace(1, lambda x, W, b, g: (x.T @ g).T),
        ),
        Mistake(
            "for a square W the shapes fit either way: check which index of W belongs to "
            "the inputs and which to the units.",
            like=_replace(0, lambda x, W, b, g: g @ W),
        ),
        *[
            Mistake(
                "return the three gradients in the order (grad_x, grad_W, grad_b).",
                like=lambda x, W, b, g, order=order: tuple(
                    reference_dense_backward(x, W, b, g)[i] for i in order
                ),
            )
            for order in ((1, 0, 2), (2, 1, 0), (0, 2, 1))
        ],
    ]
    return check_function(
        dense_backward,
        cases,
        outputs=("grad_x", "grad_W", "grad_b"),
        exercise=CATALOGUE["dense_backward"],
        mistakes=mistakes,
        quiet=quiet,
    )


def check_count_parameters(
    count_parameters: Callable[[Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``count_parameters(layer_sizes)``: weights and biases of a fully connected network.

    ``layer_sizes`` lists the number of units from the input to the output, for example
    ``[4, 4, 1]``; every neuron (not the inputs) has a bias, as in Keras' ``Dense``.
    """
    cases = [
        Case(([4, 4, 1],), 25, label="4 inputs, 4 hidden, 1 output"),
        Case(([2, 4, 1],), 17, label="the XOR network"),
        Case(([3, 2, 1],), 11, label="the 3-2-1 network"),
        Case(([784, 32, 784],), 50_992, label="the autoencoder of notebook 10"),
        Case(([10, 1],), 11, label="a single layer"),
        Case(([5, 8, 8, 3],), 48 + 72 + 27, label="two hidden layers"),
    ]

    def pairs(sizes: list[int]) -> list[tuple[int, int]]:
        return list(zip(sizes[:-1], sizes[1:]))

    mistakes = [
        Mistake(
            "every neuron (not the inputs) also has one bias.",
            like=lambda s: sum(a * b for a, b in pairs(s)),
        ),
        Mistake(
            "the biases belong to the receiving layer (the b units of each pair), not to "
            "the layer that sends.",
            like=lambda s: sum(a * b + a for a, b in pairs(s)),
        ),
        Mistake(
            "the output neurons have a bias too.",
            like=lambda s: sum(a * b + b for a, b in pairs(s)) - s[-1],
        ),
        Mistake(
            "one bias per neuron, not one per layer.",
            like=lambda s: sum(a * b + 1 for a, b in pairs(s)),
        ),
        Mistake(
            "weights connect neighbouring layers only, pair by pair; do not multiply all "
            "the sizes together.",
            like=lambda s: int(np.prod(s)) + sum(s[1:]),
        ),
    ]
    return check_function(
        count_parameters,
        cases,
        exercise=CATALOGUE["count_parameters"],
        mistakes=mistakes,
        quiet=quiet,
    )


def check_glorot_limit(
    glorot_limit: Callable[[Any, Any], Any], *, quiet: bool = False
) -> CheckResult:
    """``glorot_limit(fan_in, fan_out)``: the bound ℓ of Glorot uniform initialisation."""
    cases = [
        Case(
            (fan_in, fan_out),
            float(np.sqrt(6 / (fan_in + fan_out))),
            label=f"fan_in = {fan_in}, fan_out = {fan_out}",
        )
        for fan_in, fan_out in [(2, 4), (784, 32), (1, 1), (100, 100), (3, 500)]
    ]
    mistakes = [
        Mistake(
            "that is the standard deviation of Glorot's normal version; the uniform "
            "limit is larger.",
            like=lambda i, o: np.sqrt(2 / (i + o)),
        ),
        *[
            Mistake(
                "that uses fan_in only (as He or LeCun initialisation do); Glorot's limit "
                "uses fan_in and fan_out together.",
                like=fan_in_only,
            )
            for fan_in_only in (lambda i, o: np.sqrt(6 / i), lambda i, o: 1 / np.sqrt(i))
        ],
        Mistake(
            "the limit is a square root: weights of that size would be far too large.",
            like=lambda i, o: 6 / (i + o),
        ),
        Mistake(
            "take the square root of the whole fraction, not of its numerator only.",
            like=lambda i, o: np.sqrt(6) / (i + o),
        ),
    ]
    return check_function(
        glorot_limit, cases, exercise=CATALOGUE["glorot_limit"], mistakes=mistakes, quiet=quiet
    )
