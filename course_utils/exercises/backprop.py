"""Self-checks for notebook 04 (backpropagation): cases and diagnoses.

>>> _ = check_he_limit(lambda fan_in: (6 / fan_in) ** 0.5)
✅ he_limit passed all 5 checks. Well done!
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
    check_value,
    values_match,
)

CATALOGUE = Catalogue(
    "04_backpropagation",
    [
        Exercise(
            "dense_backward",
            hint="do the smallest case by hand first: one example, one input, one unit, "
            "out = x·w + b. There out changes with w at the rate x, with x at the rate w "
            "and with b at the rate 1, and each gradient is that rate times the error "
            "arriving at out. A bigger layer only adds up such terms.",
            nudge="Ask, for each parameter, what it touches. A weight joins one input to one "
            "unit and is used by every example of the batch; one example's input feeds every "
            "unit; a bias belongs to one unit and is used by every example. Its gradient adds "
            "up, over everything it touches, the rate times the error arriving there, and "
            "has the shape of the thing it belongs to.",
        ),
        Exercise(
            "backward_multiply_adds",
            hint="go layer by layer from the output down: list the matrix products the "
            "backward pass needs at each layer, and the size of each (a product of an "
            "(a, b) and a (b, c) matrix costs a·b·c multiply-adds).",
            nudge="A layer's backward step has two jobs: the gradient of its own weights, "
            "and the error handed down to the layer below. Each job is one matrix product "
            "as large as the layer's forward product. Ask of every layer whether the layer "
            "below it needs the error at all: the pixels are data, not something we learn.",
        ),
        Exercise(
            "he_limit",
            hint="follow section 7's forward argument for one unit whose inputs are ReLU "
            "outputs: a ReLU lets through only half of the mean square of what it receives, "
            "and the weights must make up for that loss.",
            nudge="Three steps. (1) The pre-activation's variance is fan_in times the "
            "weights' variance times the mean square of the inputs. (2) The inputs are ReLU "
            "outputs, whose mean square is half the variance of the pre-activations of the "
            "layer before. (3) Ask the two variances of pre-activations to be equal: that "
            "fixes the weights' variance; then turn a variance into the limit of a uniform "
            "range, as section 7 does.",
        ),
        Exercise(
            "tanh_softmax_gradients",
            hint="go backwards one step at a time, as in section 3, and keep each array's "
            "shape in view: the output's error signal, then the output layer's gradients, "
            "then the error handed back through the weights, then through the tanh's slope, "
            "then the hidden layer's gradients.",
            nudge="Two facts do the work. First, softmax followed by cross-entropy "
            "simplifies the same way as sigmoid followed by binary cross-entropy did in "
            "section 3; convince yourself on paper with one example and two classes. "
            "Second, tanh's slope is best written with tanh's own output, as the sigmoid's "
            "was in section 2. Compare every gradient with tf.GradientTape, as in section 4, "
            "to find the first one that differs.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- dense_backward
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


def _w_not_turned(got: Any, expected: Any, square: tuple[Any, ...]) -> bool:
    """On the case with a square ``W`` (the only one where the shapes allow it): is grad_x
    computed through ``W`` as it stands instead of turned around?"""
    _, W, _, g = square
    return values_match(expected[0], g @ W.T) and values_match(got[0], g @ W)


def check_dense_backward(dense_backward: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """``dense_backward(x, W, b, grad_out)`` → ``(grad_x, grad_W, grad_b)`` for ``out = x @ W + b``.

    ``x`` has one example per row, shape ``(n, inputs)``; ``W`` is ``(inputs, units)``;
    ``b`` is ``(units,)``; ``grad_out`` is ``∂L/∂out``, shape ``(n, units)``.
    """
    rng = np.random.default_rng(7)
    one = (rng.normal(size=(1, 3)), rng.normal(size=(3, 2)), rng.normal(size=2))
    batch = (rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4))
    square = (rng.normal(size=(4, 2)), rng.normal(size=(2, 2)), np.zeros(2))
    specs = [
        ((*square, rng.normal(size=(4, 2))), "a batch of 4, 2 inputs, 2 units"),
        ((*one, rng.normal(size=(1, 2))), "one example, 3 inputs, 2 units"),
        ((*batch, rng.normal(size=(5, 4))), "a batch of 5, 3 inputs, 4 units"),
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
            "grad_b was added up over the units of each example; a bias belongs to one unit "
            "and collects over the examples instead.",
            like=_replace(2, lambda x, W, b, g: g.sum(axis=1)),
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
            "grad_x mixes up W's two indices: an input's error comes from the units it "
            "feeds, through the weights that leave that input, not through the weights "
            "that arrive at the unit with the same number (with as many inputs as units "
            "the shapes fit either way).",
            when=lambda got, expected: _w_not_turned(got, expected, specs[0][0]),
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


# --------------------------------------------------------------------------- backward cost
#: The network and batch of the backward-cost exercise: 784 pixels → 128 → 10, 32 images.
BATCH, PIXELS, HIDDEN, CLASSES = 32, 784, 128, 10


def check_backward_multiply_adds(answer: Any, *, quiet: bool = False) -> CheckResult:
    """``backward_multiply_adds``: the multiply-adds of the matrix products of one backward
    pass through 784 → 128 → 10 for a batch of 32 (the pixels need no gradient).

    A wrong answer is answered with the likely mistake, never with the right number.

    >>> _ = check_backward_multiply_adds(32 * (784 * 128 + 128 * 10))  # doctest: +ELLIPSIS
    ❌ backward_multiply_adds: 3252224 is not right yet.
       Hint: that is the cost of the forward pass, ...
    ...
    """
    first, second = PIXELS * HIDDEN, HIDDEN * CLASSES  # multiply-adds per image, per layer
    expected = BATCH * (first + 2 * second)
    mistakes = [
        Mistake(
            "that is the cost of the forward pass, or of the weights' gradients alone; the "
            "output layer must also hand its error down to the hidden layer.",
            like=BATCH * (first + second),
        ),
        Mistake(
            "that hands an error down to the pixels too: they are data, nothing learns "
            "from a gradient there, so backpropagation stops at the first layer's weights.",
            like=2 * BATCH * (first + second),
        ),
        Mistake(
            "that counts one image: every image of the batch goes through every product.",
            like=first + 2 * second,
        ),
        Mistake(
            "the first layer's weights need their gradient too: that product is the "
            "largest of all.",
            like=BATCH * 2 * second,
        ),
        Mistake(
            "the extra product sits on the wrong layer: the output layer hands its error "
            "down to the hidden layer, while the hidden layer has nothing below it that "
            "learns.",
            like=BATCH * (2 * first + second),
        ),
    ]
    return check_value(
        answer,
        expected,
        exercise=CATALOGUE["backward_multiply_adds"],
        whole_number=True,
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- he_limit
def check_he_limit(he_limit: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    """``he_limit(fan_in)``: the bound ℓ of the uniform range that keeps the size of the
    pre-activations from one ReLU layer to the next."""
    cases = [
        Case((fan_in,), float(np.sqrt(6 / fan_in)), label=f"fan_in = {fan_in}")
        for fan_in in (2, 6, 32, 784, 1000)
    ]
    mistakes = [
        Mistake(
            "that keeps the signal's size through a layer without ReLU (a linear or tanh "
            "layer): a ReLU loses half of the mean square, so the weights must be larger.",
            like=lambda i: np.sqrt(3 / i),
        ),
        Mistake(
            "that is the standard deviation the weights need; a uniform range's limit is "
            "not its standard deviation (see how section 7 turns a variance into a limit).",
            like=lambda i: np.sqrt(2 / i),
        ),
        Mistake(
            "that is a variance, not a limit: the limit is in the units of the weights, "
            "so a square root is missing.",
            like=lambda i: 6 / i,
        ),
        Mistake(
            "the ReLU's halving went the wrong way: losing half the mean square calls for "
            "larger weights, not smaller ones.",
            like=lambda i: np.sqrt(1.5 / i),
        ),
        Mistake(
            "the ReLU's loss of half is made up for once, not twice.",
            like=lambda i: np.sqrt(12 / i),
        ),
        Mistake(
            "take the square root of the whole fraction, not of its numerator only.",
            like=lambda i: np.sqrt(6) / i,
        ),
    ]
    return check_function(
        he_limit, cases, exercise=CATALOGUE["he_limit"], mistakes=mistakes, quiet=quiet
    )


# --------------------------------------------------------------------------- tanh + softmax
def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def tape_gradients(
    W1: Any, b1: Any, W2: Any, b2: Any, X: Any, Y: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The gradients of the mean categorical cross-entropy of ``softmax(tanh(X W1 + b1) W2 +
    b2)`` against one-hot ``Y``, as ``tf.GradientTape`` computes them (float64).

    >>> grads = tape_gradients(np.ones((2, 3)), np.zeros(3), np.ones((3, 2)), np.zeros(2),
    ...                        np.ones((1, 2)), np.array([[1.0, 0.0]]))
    >>> [g.shape for g in grads]
    [(2, 3), (3,), (3, 2), (2,)]
    """
    import tensorflow as tf

    variables = [tf.Variable(np.asarray(a, dtype=np.float64)) for a in (W1, b1, W2, b2)]
    X_tf, Y_tf = tf.constant(X, tf.float64), tf.constant(Y, tf.float64)
    with tf.GradientTape() as tape:
        h = tf.tanh(X_tf @ variables[0] + variables[1])
        p = tf.nn.softmax(h @ variables[2] + variables[3], axis=1)
        loss = -tf.reduce_mean(tf.reduce_sum(Y_tf * tf.math.log(p), axis=1))
    return tuple(g.numpy() for g in tape.gradient(loss, variables))


def _tanh_softmax(
    W1: Any,
    b1: Any,
    W2: Any,
    b2: Any,
    X: Any,
    Y: Any,
    *,
    slope: Callable[[np.ndarray, np.ndarray], np.ndarray] = lambda a, h: 1 - h**2,
    error: Callable[[np.ndarray, np.ndarray, int], np.ndarray] = lambda p, Y, n: (p - Y) / n,
    softmax_axis: int = 1,
    sum_biases: bool = True,
) -> tuple[np.ndarray, ...]:
    """Backpropagation through the tanh + softmax network, with one step replaceable (to make
    the plausible mistakes)."""
    a = X @ W1 + b1
    h = np.tanh(a)
    scores = h @ W2 + b2
    if softmax_axis == 1:
        p = _softmax(scores)
    else:
        p = np.exp(scores) / np.exp(scores).sum(axis=0, keepdims=True)
    delta_out = error(p, Y, len(X))
    delta_hidden = (delta_out @ W2.T) * slope(a, h)
    if not sum_biases:
        return X.T @ delta_hidden, delta_hidden, h.T @ delta_out, delta_out
    return X.T @ delta_hidden, delta_hidden.sum(axis=0), h.T @ delta_out, delta_out.sum(axis=0)


def _tanh_softmax_cases() -> list[Case]:
    rng = np.random.default_rng(4)
    cases = []
    for n, inputs, hidden, classes, label in [
        (1, 2, 3, 2, "one example, 2 inputs, 3 hidden units, 2 classes"),
        (5, 3, 4, 3, "a batch of 5, 3 classes"),
        (8, 4, 2, 4, "a batch of 8, 4 classes"),
    ]:
        args = (
            rng.normal(size=(inputs, hidden)),
            rng.normal(size=hidden) * 0.5,
            rng.normal(size=(hidden, classes)),
            rng.normal(size=classes) * 0.5,
            rng.normal(size=(n, inputs)),
            np.eye(classes)[rng.integers(0, classes, size=n)],
        )
        cases.append(Case(args, tape_gradients(*args), label=label))
    return cases


def check_tanh_softmax_gradients(
    tanh_softmax_gradients: Callable[..., Any], *, quiet: bool = False
) -> CheckResult:
    """``tanh_softmax_gradients(W1, b1, W2, b2, X, Y)`` → ``(grad_W1, grad_b1, grad_W2,
    grad_b2)`` of the mean categorical cross-entropy of a tanh hidden layer and a softmax
    output, compared with ``tf.GradientTape``'s."""

    def with_(**change: Any) -> Callable[..., Any]:
        return lambda *args: _tanh_softmax(*args, **change)

    mistakes = [
        Mistake(
            "the hidden units are tanh, not sigmoid: its slope, written with its output, "
            "is a different expression from the sigmoid's.",
            like=with_(slope=lambda a, h: h * (1 - h)),
        ),
        Mistake(
            "tanh's slope written with its output needs the output h, not the pre-activation a.",
            like=with_(slope=lambda a, h: 1 - a**2),
        ),
        Mistake(
            "on its way back the error also passes through the tanh's slope.",
            like=with_(slope=lambda a, h: np.ones_like(h)),
        ),
        Mistake(
            "the loss is the mean over the batch, so every gradient carries one over the "
            "number of examples.",
            like=with_(error=lambda p, Y, n: p - Y),
        ),
        Mistake(
            "softmax followed by cross-entropy: their slopes cancel into the plain error "
            "(prediction minus target); do not multiply by a sigmoid-like slope as well.",
            like=with_(error=lambda p, Y, n: (p - Y) * p * (1 - p) / n),
        ),
        Mistake(
            "the signs are flipped: the error is the prediction minus the target, so that "
            "a step against the gradient lowers the loss.",
            like=with_(error=lambda p, Y, n: (Y - p) / n),
        ),
        Mistake(
            "softmax turns each example's scores (one row) into probabilities; yours "
            "normalises each class over the batch.",
            like=with_(softmax_axis=0),
        ),
        Mistake(
            "a bias is used by every example of the batch, so its gradient adds up one "
            "contribution per example (one number per unit).",
            like=with_(sum_biases=False),
        ),
    ]
    return check_function(
        tanh_softmax_gradients,
        _tanh_softmax_cases(),
        outputs=("grad_W1", "grad_b1", "grad_W2", "grad_b2"),
        exercise=CATALOGUE["tanh_softmax_gradients"],
        mistakes=mistakes,
        quiet=quiet,
    )
