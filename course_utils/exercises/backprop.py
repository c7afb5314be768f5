"""Self-checks for notebook 04 (backpropagation).

>>> _ = check_count_parameters(lambda sizes: sum(a * b + b for a, b in zip(sizes, sizes[1:])))
✅ count_parameters passed all 6 checks. Well done!
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import Case, CheckResult, check_function
from course_utils.exercises._outputs import check_outputs, wrap_quiet


def reference_dense_backward(x: Any, W: Any, b: Any,
                             grad_out: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a dense layer ``out = x @ W + b`` given ``grad_out = ∂L/∂out``.

    Returns ``(grad_x, grad_W, grad_b)``, each of the shape of ``x``, ``W`` and ``b``.

    >>> gx, gW, gb = reference_dense_backward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4),
    ...                                       np.ones((2, 4)))
    >>> gx.shape, gW.shape, gb.tolist()
    ((2, 3), (3, 4), [2.0, 2.0, 2.0, 2.0])
    """
    x, W, grad_out = (np.asarray(a, dtype=float) for a in (x, W, grad_out))
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)


def check_dense_backward(dense_backward: Callable[..., Any], *,
                         quiet: bool = False) -> CheckResult:
    """``dense_backward(x, W, b, grad_out)`` → ``(grad_x, grad_W, grad_b)`` for ``out = x @ W + b``.

    ``x`` has one example per row, shape ``(n, inputs)``; ``W`` is ``(inputs, units)``;
    ``b`` is ``(units,)``; ``grad_out`` is ``∂L/∂out``, shape ``(n, units)``.
    """
    rng = np.random.default_rng(7)
    specs = [
        ((rng.normal(size=(1, 3)), rng.normal(size=(3, 2)), rng.normal(size=2),
          rng.normal(size=(1, 2))), "one example, 3 inputs, 2 units"),
        ((rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4),
          rng.normal(size=(5, 4))), "a batch of 5: grad_b adds up over the examples"),
        ((rng.normal(size=(4, 2)), rng.normal(size=(2, 2)), np.zeros(2),
          rng.normal(size=(4, 2))), "square W: the transposes matter"),
    ]
    cases = [Case(args, reference_dense_backward(*args), label=label) for args, label in specs]
    return check_outputs(wrap_quiet(dense_backward), cases,
                         outputs=("grad_x", "grad_W", "grad_b"), name="dense_backward",
                         quiet=quiet,
                         hint="out = x @ W + b, so grad_x = grad_out @ W.T, grad_W = x.T @ "
                              "grad_out and grad_b = grad_out.sum(axis=0). Each gradient has "
                              "the shape of the thing it belongs to.")


def check_count_parameters(count_parameters: Callable[[Any], Any], *,
                           quiet: bool = False) -> CheckResult:
    """``count_parameters(layer_sizes)``: weights and biases of a fully connected network.

    ``layer_sizes`` lists the number of units from the input to the output, for example
    ``[4, 4, 1]``; every neuron (not the inputs) has a bias, as in Keras' ``Dense``.
    """
    cases = [
        Case(([4, 4, 1],), 25, label="4 inputs, 4 hidden, 1 output, every neuron with a bias"),
        Case(([2, 4, 1],), 17, label="the XOR network"),
        Case(([3, 2, 1],), 11, label="the 3-2-1 network"),
        Case(([784, 32, 784],), 50_992, label="the autoencoder of notebook 10"),
        Case(([10, 1],), 11, label="a single layer"),
        Case(([5, 8, 8, 3],), 48 + 72 + 27, label="two hidden layers"),
    ]
    return check_function(count_parameters, cases, name="count_parameters", quiet=quiet,
                          hint="Between consecutive layers of a and b units there are a·b weights, "
                               "and the b neurons of the second layer have one bias each.")


def check_glorot_limit(glorot_limit: Callable[[Any, Any], Any], *,
                       quiet: bool = False) -> CheckResult:
    """``glorot_limit(fan_in, fan_out)`` = √(6 / (fan_in + fan_out)), the Glorot uniform bound."""
    cases = [Case((fan_in, fan_out), float(np.sqrt(6 / (fan_in + fan_out))),
                  label=f"fan_in = {fan_in}, fan_out = {fan_out}")
             for fan_in, fan_out in [(2, 4), (784, 32), (1, 1), (100, 100), (3, 500)]]
    return check_function(wrap_quiet(glorot_limit), cases, name="glorot_limit", quiet=quiet,
                          hint="Weights are drawn uniformly from [−limit, limit] with "
                               "limit = np.sqrt(6 / (fan_in + fan_out)).")
