"""Self-checks for notebook 07 (a first Keras network): cases and diagnoses.

Three exercises:

- ``row_model_summary``: predict each layer's output shape and parameter count for a network
  that reads a digit as 8 rows of 8 pixels (a Dense layer works on the last axis only), before
  Keras prints them (:func:`check_row_model_summary`);
- ``n_updates``: predict how many times Adam updates the weights during one ``fit`` call with
  ``validation_split`` (:func:`check_n_updates`);
- ``fit_wine_model``: build, compile and fit a classifier for a new table (three wine
  cultivars, measurements of very different sizes) that beats a given validation error within
  a budget of weight updates (:func:`check_fit_wine_model`).

>>> _ = check_n_updates(1580)
❌ n_updates: 1580 is not right yet.
   Hint: the validation rows are only evaluated, never trained on: they make no updates.
   Stuck? checks.hint("n_updates") gives a second hint, still without the answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checking import (
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    check_answer,
    check_built,
    check_one_pair_per_layer,
    check_value,
    learner_name,
)

CATALOGUE = Catalogue(
    "07_keras_ann",
    [
        Exercise(
            "row_model_summary",
            hint="a Dense layer works on the last axis of its input only: whatever comes "
            "before that axis is kept, and the same weights serve every position along it. "
            "Flatten learns nothing; it lays all the numbers of one example out in one row.",
            nudge="Follow one example through the layers. The input is 8 rows of 8 pixels. The "
            "first Dense layer sees one row at a time (8 numbers) and gives 16 numbers for "
            "each of the 8 rows, with one set of weights shared by all rows. The second Dense "
            "layer does the same with what the first one gives for a row. Flatten then "
            "multiplies out the axes it is given, and the last Dense layer sees all of them.",
        ),
        Exercise(
            "n_updates",
            hint="count the batches of one epoch first: only the rows that are not held out "
            "for validation are split into batches, and the last, smaller batch is an "
            "update too. Then count the epochs.",
            nudge="validation_split takes a share of the rows away before training; the rest "
            "are cut into batches of batch_size rows. A batch that is not full still gives "
            "one update, so round the number of batches up. Each epoch goes through all "
            "its batches again, so multiply by the number of epochs.",
        ),
        Exercise(
            "fit_wine_model",
            hint="three cultivars call for three outputs with a softmax and integer labels "
            "for the sparse categorical cross-entropy; the measurements have very different "
            "sizes, so put their scaling inside the model, learned from the training rows; "
            "with only fifty updates, each update must count.",
            nudge="Two problems stand between a first try and the goal. The columns' sizes "
            "differ by hundreds of times (see the largest values printed above the task): the "
            "lesson showed what that does to a network, and how a Keras model can handle it "
            "itself. And fifty updates is a small budget: count your fit's updates before you "
            "run it, and look at what let the digits model learn in only ten epochs.",
        ),
    ],
)
hint = CATALOGUE.hint


# --------------------------------------------------------------------------- 1. row model
#: The network of exercise 1, after its Input of 8 rows × 8 pixels: (layer, units or None).
ROW_INPUT = (8, 8)
ROW_LAYERS: tuple[tuple[str, int | None], ...] = (
    ("Dense", 16),
    ("Dense", 4),
    ("Flatten", None),
    ("Dense", 10),
)


def row_model_answer() -> list[tuple[tuple[int, ...], int]]:
    """Each layer's output shape (without the batch axis) and parameter count, in order."""
    answer, shape = [], ROW_INPUT
    for kind, units in ROW_LAYERS:
        if kind == "Flatten":
            shape, count = (math.prod(shape),), 0
        else:
            assert units is not None
            count = shape[-1] * units + units
            shape = (*shape[:-1], units)
        answer.append((shape, count))
    return answer


def _as_shape(value: Any) -> tuple[int, ...] | None:
    """A predicted shape as a tuple of ints, the batch axis (a leading None) dropped."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return None
    if not isinstance(value, tuple | list) or not value:
        return None
    if value[0] is None:
        value = value[1:]
    if not value or not all(
        isinstance(v, int | np.integer) and not isinstance(v, bool) for v in value
    ):
        return None
    return tuple(int(v) for v in value)


def _row_shape_mistake(kind: str, got: tuple[int, ...], before: tuple[int, ...]) -> str:
    if kind == "Flatten":
        if len(got) != 1:
            return "Flatten gives one axis: a flat list of all the numbers of one example."
        return "Flatten keeps every number of its input: multiply the sizes of all its axes."
    if len(got) == 1 and len(before) > 1:
        return (
            "a Dense layer does not flatten its input: it works on the last axis only, so "
            "each of the 8 rows keeps its place and gets its own output."
        )
    if got[:-1] != before[:-1]:
        return "a Dense layer keeps every axis before the last one as it is."
    return "along the last axis, a Dense layer gives one number per unit."


def _row_count_mistake(kind: str, got: int, before: tuple[int, ...], units: int) -> str:
    if kind == "Flatten":
        return "Flatten has no weights: it only rearranges numbers."
    inputs = before[-1]
    everything = math.prod(before)
    if got == inputs * units:
        return "each unit of a Dense layer also has one bias."
    if len(before) > 1 and got in (everything * units + units, everything * units):
        return (
            "the units see one row at a time (the last axis), not all the numbers of the "
            "example: the rows share one set of weights."
        )
    if len(before) > 1 and got % (inputs * units + units) == 0:
        return (
            "the rows do not get a copy of the weights each: one set of weights, used for "
            "every row, as a convolution reuses its filter at every position (notebook 08)."
        )
    return (
        "a Dense unit has one weight for each number along the last axis of its input, "
        "plus one bias."
    )


def _inspect_row_model(prediction: Any) -> str:
    n = len(ROW_LAYERS)
    check_one_pair_per_layer(
        prediction,
        n,
        model="network",
        example=f"a list of {n} pairs, each (output shape without the batch axis, count).",
    )
    before: tuple[int, ...] = ROW_INPUT
    for number, ((kind, units), pair, (shape, count)) in enumerate(
        zip(ROW_LAYERS, prediction, row_model_answer()), 1
    ):
        where = f"layer {number}, {kind}" + (f"({units})" if units else "()")
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise Problem(
                f"{where}: each item should be a pair (shape, parameters).",
                hint="a pair is two things in parentheses: a shape tuple and a whole number.",
            )
        got_shape, got_count = _as_shape(pair[0]), pair[1]
        if got_shape is None:
            raise Problem(
                f"{where}: the shape should be a tuple of whole numbers, such as (30,).",
                hint="write a shape as Keras does, with or without the batch axis (None); "
                "a flat output has one axis, written with a comma: (n,).",
            )
        if got_shape != shape:
            raise Problem(
                f"{where}: the output shape you predicted is not right yet.",
                hint=_row_shape_mistake(kind, got_shape, before),
            )
        if not isinstance(got_count, int | np.integer) or isinstance(got_count, bool):
            raise Problem(
                f"{where}: the parameter count should be a whole number (an int), got "
                f"{type(got_count).__name__}.",
                hint="write the count as an int such as 4, not 4.0.",
            )
        if int(got_count) != count:
            raise Problem(
                f"{where}: the output shape is right, but the parameter count you predicted "
                f"is not right yet.",
                hint=_row_count_mistake(kind, int(got_count), before, units or 0),
            )
        before = shape
    return f"all {n} output shapes and parameter counts match Keras' summary."


def check_row_model_summary(row_model_summary: Any, *, quiet: bool = False) -> CheckResult:
    """``row_model_summary``: for each layer after ``Input(shape=(8, 8))`` (Dense(16),
    Dense(4), Flatten, Dense(10)), the pair (output shape, parameter count), in order. Shapes
    may be given with or without the batch axis.

    The first wrong layer is named, with the likely mistake; no number of the answer is shown.

    >>> _ = check_row_model_summary(row_model_answer())
    ✅ row_model_summary is right: all 4 output shapes and parameter counts match Keras' summary. Well done!
    """  # noqa: E501 - a doctest's output is one line
    return check_answer(
        row_model_summary,
        lambda p: "is right: " + _inspect_row_model(p),
        exercise=CATALOGUE["row_model_summary"],
        quiet=quiet,
    )


# --------------------------------------------------------------------------- 2. updates
#: The fit call of exercise 2: rows, validation_split, batch_size, epochs.
UPDATE_ROWS, UPDATE_SPLIT, UPDATE_BATCH, UPDATE_EPOCHS = 5000, 0.2, 64, 20


def updates_of_fit(rows: int, validation_split: float, batch_size: int, epochs: int) -> int:
    """How many times ``fit`` updates the weights: Keras trains on the first
    ``floor(rows × (1 − validation_split))`` rows, in batches of ``batch_size`` (the last one
    possibly smaller), ``epochs`` times.

    >>> updates_of_fit(100, 0.0, 32, 1)
    4
    """
    trained = math.floor(rows * (1 - validation_split))
    return math.ceil(trained / batch_size) * epochs


def check_n_updates(n_updates: Any, *, quiet: bool = False) -> CheckResult:
    """``n_updates``: Adam's step counter after ``fit`` on 5,000 rows with
    ``validation_split=0.2, batch_size=64, epochs=20``. Never revealed.
    """
    rows, split, batch, epochs = UPDATE_ROWS, UPDATE_SPLIT, UPDATE_BATCH, UPDATE_EPOCHS
    trained = math.floor(rows * (1 - split))
    held_out = rows - trained
    expected = updates_of_fit(rows, split, batch, epochs)
    per_epoch = math.ceil(trained / batch)
    mistakes = [
        Mistake(
            "the validation rows are only evaluated, never trained on: they make no updates.",
            when=lambda got, _: (
                got
                in (
                    math.ceil(rows / batch) * epochs,
                    (per_epoch + math.ceil(held_out / batch)) * epochs,
                )
            ),
        ),
        Mistake(
            "the last, smaller batch of each epoch is an update too: round the batches up.",
            like=(trained // batch) * epochs,
        ),
        Mistake(
            "two things: the validation rows make no updates, and the last, smaller batch "
            "of each epoch is an update too.",
            like=(rows // batch) * epochs,
        ),
        Mistake(
            "the updates come from the training rows, the ones validation_split leaves for "
            "training, not from the held-out ones.",
            like=math.ceil(held_out / batch) * epochs,
        ),
        Mistake("that is one epoch; fit goes through its batches once per epoch.", like=per_epoch),
        Mistake(
            "count whole batches per epoch: each epoch starts again from the first row, so its "
            "last, smaller batch is one update of its own.",
            like=round(trained * epochs / batch),
        ),
    ]
    return check_value(
        n_updates,
        expected,
        exercise=CATALOGUE["n_updates"],
        whole_number=True,
        mistakes=mistakes,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- 3. wine
#: Exercise 3's goal: the share of held-out wines misclassified must stay below this.
WINE_MAX_ERROR = 0.05
#: ... within at most this many weight updates.
WINE_MAX_UPDATES = 50
#: The split the notebook and the check share.
WINE_TEST_SIZE, WINE_SEED = 0.25, 0


def wine_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The wine table split as in notebook 07's exercise: ``train_test_split(x, y,
    test_size=0.25, stratify=y, random_state=0)`` with ``float32`` features.

    >>> x_train, x_val, y_train, y_val = wine_split()
    >>> x_train.shape, x_val.shape
    ((133, 13), (45, 13))
    """
    from sklearn.datasets import load_wine
    from sklearn.model_selection import train_test_split

    x, y = load_wine(return_X_y=True)
    return train_test_split(
        x.astype(np.float32), y, test_size=WINE_TEST_SIZE, stratify=y, random_state=WINE_SEED
    )


def _has_scaling_layer(model: Any) -> bool:
    import keras

    scaling = (keras.layers.Normalization, keras.layers.BatchNormalization)
    return any(isinstance(layer, scaling) for layer in model.layers)


def _unadapted_normalization(model: Any) -> bool:
    """Whether a Normalization layer still holds its initial mean 0 and variance 1."""
    import keras

    for layer in model.layers:
        if isinstance(layer, keras.layers.Normalization):
            weights = layer.get_weights()
            if len(weights) >= 2 and not np.any(weights[0]) and np.all(weights[1] == 1):
                return True
    return False


def _inspect_wine_model(model: Any) -> str:
    import keras

    _, x_val, _, y_val = wine_split()
    if isinstance(model, keras.callbacks.History):
        raise Problem(
            "it returned the History that fit gives back, not the model.",
            hint="fit changes the model in place; return the model itself.",
        )
    if not isinstance(model, keras.Model):
        raise Problem(f"it returned a {type(model).__name__}, not a Keras model.")
    outputs = model.outputs[0].shape[-1] if getattr(model, "outputs", None) else None
    if outputs != 3:
        raise Problem(
            f"the model ends with {outputs} output(s), but there are three cultivars.",
            hint="one output per class, turned into probabilities by a softmax.",
        )
    if getattr(model, "optimizer", None) is None or not getattr(model, "compiled", True):
        raise Problem(
            "the model was not compiled, so it cannot have been trained.",
            hint="compile chooses the optimizer and the loss; then fit trains.",
        )
    updates = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
    if updates == 0:
        raise Problem(
            "the model was never fitted: its optimizer has made no update.",
            hint="call fit on the rows you are given before returning the model.",
        )
    if updates > WINE_MAX_UPDATES:
        raise Problem(
            f"the optimizer made {updates} updates; the budget is {WINE_MAX_UPDATES}.",
            hint="count the updates of your fit call (rows, batch size, epochs) and stay "
            "within the budget; make each update count instead.",
        )
    probabilities = np.asarray(model.predict(x_val, verbose=0))
    if probabilities.shape != (len(x_val), 3):
        raise Problem(
            f"its predictions for {len(x_val)} wines have shape {probabilities.shape}, "
            f"expected one row of 3 class scores per wine."
        )
    wrong = int(np.sum(probabilities.argmax(axis=1) != y_val))
    error = wrong / len(y_val)
    if error >= WINE_MAX_ERROR:
        last = model.layers[-1]
        activation = getattr(getattr(last, "activation", None), "__name__", "")
        if not _has_scaling_layer(model):
            said = (
                "the check gives the model raw measurements, as the exercise's data cell "
                "shows: sizes from below 1 to over 1,000. Put the scaling inside the model, "
                "learned from the training rows, so the model scales every input it is given."
            )
        elif _unadapted_normalization(model):
            said = (
                "the Normalization layer still has mean 0 and variance 1, so it scales "
                "nothing: it learns the columns' means and variances only when it is "
                "adapted to the training rows, before fitting."
            )
        elif activation not in ("softmax", "linear"):
            said = "for one class out of three, the output layer needs a softmax."
        else:
            said = (
                "the model is set up sensibly but learns too little in its updates: a "
                "larger learning rate, or a better use of the update budget."
            )
        raise Problem(
            f"{wrong} of the {len(y_val)} held-out wines are misclassified, an error of "
            f"{error:.1%}; the goal is below {WINE_MAX_ERROR:.0%}.",
            hint=said,
        )
    return (
        f": {wrong} of the {len(y_val)} held-out wines misclassified (error {error:.1%}, "
        f"goal below {WINE_MAX_ERROR:.0%}) after {updates} updates."
    )


def check_fit_wine_model(
    fit_wine_model: Callable[[np.ndarray, np.ndarray], Any], *, quiet: bool = False
) -> CheckResult:
    """``fit_wine_model(x_train, y_train)`` must return a fitted Keras model that classifies
    the 45 held-out wines of :func:`wine_split` with an error below 5 %, after at most 100
    weight updates. The check seeds Keras first, so its verdict is repeatable.
    """
    import keras

    exercise = CATALOGUE["fit_wine_model"]
    if not callable(fit_wine_model):
        return check_built(fit_wine_model, _inspect_wine_model, exercise=exercise, quiet=quiet)
    x_train, _, y_train, _ = wine_split()

    def build() -> Any:
        keras.utils.set_random_seed(0)
        return fit_wine_model(x_train.copy(), y_train.copy())

    build.__name__ = learner_name(fit_wine_model, exercise.name)
    return check_built(build, _inspect_wine_model, exercise=exercise, quiet=quiet)
