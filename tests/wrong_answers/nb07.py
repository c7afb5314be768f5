"""Notebook 07_keras_ann: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from course_utils.exercises import keras_ann

RIGHT_ROWS = [((8, 16), 144), ((8, 4), 68), ((32,), 0), ((10,), 330)]


def rows_with(layer: int, pair: tuple[Any, Any]) -> list[tuple[Any, Any]]:
    """The right prediction of exercise 1 with one layer's pair replaced."""
    answer = list(RIGHT_ROWS)
    answer[layer] = pair
    return answer


def wine_model(
    *,
    scale: bool = True,
    learning_rate: float = 0.01,
    epochs: int = 10,
    outputs: int = 3,
    fit: bool = True,
    give_history: bool = False,
) -> Callable[[Any, Any], Any]:
    """A learner's ``fit_wine_model`` with one choice changed from a good one."""

    def fit_wine_model(x_train, y_train):
        import keras
        from keras import layers

        stack = [keras.Input(shape=(13,))]
        if scale:
            normalizer = layers.Normalization()
            normalizer.adapt(x_train)
            stack.append(normalizer)
        activation = "softmax" if outputs > 1 else "sigmoid"
        stack += [layers.Dense(16, activation="relu"), layers.Dense(outputs, activation=activation)]
        model = keras.Sequential(stack)
        loss = "sparse_categorical_crossentropy" if outputs > 1 else "binary_crossentropy"
        model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss)
        if not fit:
            return model
        history = model.fit(x_train, y_train, epochs=epochs, batch_size=32, verbose=0)
        return history if give_history else model

    return fit_wine_model


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("07_keras_ann", "row_model_summary"): [
        ("flattens first", [((16,), 1040), ((4,), 68), ((4,), 0), ((10,), 50)]),
        ("first Dense sees all 64 pixels", rows_with(0, ((8, 16), 1040))),
        ("a copy of the weights per row", rows_with(0, ((8, 16), 1152))),
        ("no biases", [((8, 16), 128), ((8, 4), 64), ((32,), 0), ((10,), 320)]),
        ("second Dense sees the whole first output", rows_with(1, ((8, 4), 516))),
        ("Flatten keeps only the last axis", rows_with(2, ((4,), 0))),
        ("Flatten with weights", rows_with(2, ((32,), 32))),
        ("last Dense sees one row", rows_with(3, ((10,), 50))),
        ("the Input listed too", [((8, 8), 0), *RIGHT_ROWS]),
        ("counts as floats", [(shape, float(count)) for shape, count in RIGHT_ROWS]),
        ("only the total", 542),
    ],
    ("07_keras_ann", "n_updates"): [
        ("validation rows make batches too", 1580),
        ("the last small batch dropped", 1240),
        ("both", 1560),
        ("the held-out rows", 320),
        ("one epoch", 63),
        ("rows times epochs over batch size", 1250),
        ("a float", 1260.0),
        ("a string", "1260"),
    ],
    ("07_keras_ann", "fit_wine_model"): [
        ("no scaling", wine_model(scale=False)),
        ("learning rate too small for the budget", wine_model(learning_rate=0.001)),
        ("over the update budget", wine_model(epochs=20)),
        ("never fitted", wine_model(fit=False)),
        ("one sigmoid output", wine_model(outputs=1, epochs=2)),
        ("returns the History", wine_model(epochs=1, give_history=True)),
        ("not a function", None),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("07_keras_ann", "row_model_summary"): keras_ann.check_row_model_summary,
    ("07_keras_ann", "n_updates"): keras_ann.check_n_updates,
    ("07_keras_ann", "fit_wine_model"): keras_ann.check_fit_wine_model,
}
