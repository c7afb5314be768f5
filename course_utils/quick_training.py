"""Plumbing that keeps many small Keras trainings quick (notebook 11).

Two costs dominate when a notebook trains dozens of tiny models: Keras' fixed overhead per
epoch (it rebuilds its input pipeline from NumPy arrays every epoch) and the tracing of a new
model's training step (about a second per model on a laptop). This module removes both
without changing what is learned:

- :func:`as_one_batch` wraps a small validation set once, as a cached single batch, so that
  evaluating it after every epoch does not rebuild a pipeline each time;
- :func:`training_rounds` gives ``fit`` a ``tf.data.Dataset`` of ``steps`` mini-batches, so
  that one Keras "epoch" is a round of several updates;
- :func:`restart` gives an already trained (and traced) model fresh random weights and a fresh
  optimizer, as if it had just been built with ``keras.utils.set_random_seed(seed)``, so that
  the same network can be trained again with another seed or learning rate at no tracing cost.

>>> import numpy as np
>>> rounds = training_rounds(np.zeros((6, 2), "float32"), np.zeros(6), batch_size=3, steps=4)
>>> [tuple(x.shape) for x, y in rounds]
[(3, 2), (3, 2), (3, 2), (3, 2)]
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np


def _examples(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and ``y`` as arrays holding the same number (at least one) of examples."""
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim < 1 or len(x) == 0:
        raise ValueError(f"x must hold at least one example, got shape {x.shape}")
    if len(x) != len(y):
        raise ValueError(
            f"x and y must hold the same number of examples, got {len(x)} and {len(y)}"
        )
    return x, y


def training_rounds(
    x: np.ndarray, y: np.ndarray, *, batch_size: int, steps: int, seed: int = 0
) -> Any:
    """A ``tf.data.Dataset`` of ``steps`` mini-batches of ``(x, y)``: one Keras epoch = one round.

    The data is reshuffled at every pass (``seed`` fixes the order); with ``batch_size`` equal
    to ``len(x)`` every step sees the whole training set (full-batch gradient descent).

    >>> rounds = training_rounds(np.ones((4, 2)), np.ones(4), batch_size=4, steps=2)
    >>> len(list(rounds))
    2
    >>> training_rounds(np.ones((4, 2)), np.ones(3), batch_size=2, steps=1)
    Traceback (most recent call last):
    ...
    ValueError: x and y must hold the same number of examples, got 4 and 3
    """
    x, y = _examples(x, y)
    for name, value in (("batch_size", batch_size), ("steps", steps)):
        if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    if batch_size > len(x):
        raise ValueError(f"batch_size must be at most len(x) = {len(x)}, got {batch_size}")
    import tensorflow as tf

    # A dataset shuffles itself; Keras' reminder that its own `shuffle` is then unused is noise.
    warnings.filterwarnings("ignore", message=".*shuffle=True.*was passed.*")
    data = tf.data.Dataset.from_tensor_slices((x, y)).cache()
    data = data.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return data.batch(batch_size, drop_remainder=True).repeat().take(steps)


def as_one_batch(x: np.ndarray, y: np.ndarray) -> Any:
    """A cached ``tf.data.Dataset`` holding ``(x, y)`` as one batch, for ``validation_data``.

    Keras turns NumPy validation arrays into a new input pipeline at every epoch, which costs
    more than evaluating a few hundred points; this dataset is built once and reused.

    >>> [tuple(v.shape) for v in next(iter(as_one_batch(np.zeros((5, 2)), np.zeros(5))))]
    [(5, 2), (5,)]
    >>> as_one_batch(np.zeros((5, 2)), np.zeros(4))
    Traceback (most recent call last):
    ...
    ValueError: x and y must hold the same number of examples, got 5 and 4
    """
    x, y = _examples(x, y)
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x)).cache()


def restart(model: Any, seed: int) -> Any:
    """Give a compiled ``model`` fresh random weights and a fresh optimizer; return it.

    The new weights are those a newly built copy of the model gets after
    ``keras.utils.set_random_seed(seed)``; the optimizer's step count and its running averages
    (Adam's moments, momentum) go back to zero, its learning rate stays. The model's traced
    training step is kept, which is the point: no second of tracing per run.

    >>> restart("not a model", 0)
    Traceback (most recent call last):
    ...
    TypeError: model must be a compiled Keras model, got str
    """
    import keras

    if not isinstance(model, keras.Model) or getattr(model, "optimizer", None) is None:
        raise TypeError(f"model must be a compiled Keras model, got {type(model).__name__}")
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {seed!r}")
    keras.utils.set_random_seed(int(seed))
    model.set_weights(keras.models.clone_model(model).get_weights())
    for variable in model.optimizer.variables:
        if "learning_rate" not in variable.name:  # the step count and the moments
            variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
    return model
