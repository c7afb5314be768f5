"""course_utils.quick_training: rounds of mini-batches, and restarting a trained model."""

import numpy as np
import pytest

from course_utils.notebook import quiet_tensorflow
from course_utils.quick_training import restart, training_rounds

quiet_tensorflow()


def test_rounds_hold_the_asked_number_of_full_batches():
    x, y = np.arange(12, dtype="float32").reshape(6, 2), np.arange(6)
    batches = list(training_rounds(x, y, batch_size=6, steps=3))
    assert len(batches) == 3
    for bx, by in batches:  # every full batch holds every example once, reshuffled
        assert sorted(by.numpy().tolist()) == list(range(6))
        assert np.array_equal(bx.numpy()[:, 0] / 2, by.numpy())


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(batch_size=0, steps=1), "batch_size"),
        (dict(batch_size=7, steps=1), "batch_size"),
        (dict(batch_size=2, steps=0), "steps"),
        (dict(batch_size=2.0, steps=1), "batch_size"),
    ],
)
def test_rounds_reject_bad_sizes(kwargs, words):
    with pytest.raises(ValueError, match=words):
        training_rounds(np.zeros((6, 2)), np.zeros(6), **kwargs)


def test_restart_gives_the_weights_of_a_fresh_model_and_a_fresh_optimizer():
    import keras

    def build():
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
        return model

    model = build()
    x, y = np.random.default_rng(0).normal(size=(8, 2)), np.ones(8)
    model.fit(x, y, epochs=3, verbose=0)
    assert int(model.optimizer.iterations) > 0
    restart(model, 7)
    first = [w.copy() for w in model.get_weights()]
    assert int(model.optimizer.iterations) == 0
    assert np.isclose(float(model.optimizer.learning_rate), 0.05)
    assert all(
        not np.any(v.numpy()) for v in model.optimizer.variables if "learning_rate" not in v.name
    )
    model.fit(x, y, epochs=2, verbose=0)
    restart(model, 7)  # the same seed gives the same fresh weights again
    assert all(np.array_equal(a, b) for a, b in zip(first, model.get_weights()))


def test_restart_rejects_what_is_not_a_compiled_model():
    import keras

    with pytest.raises(TypeError, match="model"):
        restart(keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]), 0)
    with pytest.raises(TypeError, match="seed"):
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        restart(model, 1.5)
