"""Notebook 11's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import regularization as checks


def dropout_at_inference(x, rate, inverted):
    return x if inverted else x * (1 - rate)


def steps_to_forget(momentum, tolerance):
    steps, remaining = 0, 1.0
    while remaining > tolerance:
        remaining *= momentum
        steps += 1
    return steps


def early_stopping_epochs(val_losses, patience):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch


def test_right_answers_pass():
    assert checks.check_dropout_at_inference(dropout_at_inference, quiet=True).passed
    assert checks.check_early_stopping_epochs(early_stopping_epochs, quiet=True).passed
    assert checks.check_steps_to_forget(steps_to_forget, quiet=True).passed


def test_keras_dropout_is_the_inverted_convention():
    """Keras' Dropout scales by 1/(1 - rate) in training and is the identity at inference."""
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    import keras

    x = np.random.default_rng(0).uniform(1, 2, size=(50, 20)).astype("float32")
    layer = keras.layers.Dropout(0.4, seed=0)
    out = keras.ops.convert_to_numpy(layer(x, training=True))
    kept = out != 0
    assert np.allclose(out[kept], x[kept] / 0.6) and 0.5 < kept.mean() < 0.7
    assert np.array_equal(keras.ops.convert_to_numpy(layer(x, training=False)), x)
    assert np.allclose(dropout_at_inference(x, 0.4, True), x)


def test_keras_batch_norm_moving_mean_agrees_with_steps_to_forget():
    """Keras' moving mean, fed batches of mean 1, is within 1 % after exactly that many steps."""
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    import keras

    for momentum in (0.5, 0.9):
        layer = keras.layers.BatchNormalization(momentum=momentum)
        layer.build((None, 1))
        steps = steps_to_forget(momentum, 0.01)
        batch = np.array([[0.0], [2.0]], "float32")  # mean 1
        for step in range(1, steps + 1):
            layer(batch, training=True)
            distance = 1 - float(keras.ops.convert_to_numpy(layer.moving_mean)[0])
            assert (distance <= 0.01 + 1e-6) == (step == steps), (momentum, step, distance)


def test_keras_early_stopping_agrees_with_the_reference():
    """Replaying loss sequences through Keras' EarlyStopping gives the same two epochs."""
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    import keras

    class FakeModel:
        stop_training = False
        weights = None

        def get_weights(self):
            return [self.weights]

        def set_weights(self, weights):
            self.restored = weights[0]

    rng = np.random.default_rng(1)
    for _ in range(30):
        losses = list(np.round(rng.random(int(rng.integers(3, 15))), 1))
        patience = int(rng.integers(1, 5))
        callback = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
        model = FakeModel()
        callback.set_model(model)
        callback.on_train_begin()
        ran = 0
        for epoch, loss in enumerate(losses):
            model.weights = epoch + 1
            callback.on_epoch_end(epoch, {"val_loss": loss})
            ran = epoch + 1
            if model.stop_training:
                break
        callback.on_train_end()
        assert early_stopping_epochs(losses, patience) == (ran, model.restored), (losses, patience)


def best_only(val_losses, patience):
    best = int(np.argmin(val_losses)) + 1
    return best, best


def zero_based(val_losses, patience):
    stopped, restored = early_stopping_epochs(val_losses, patience)
    return stopped - 1, restored - 1


def ties_improve(val_losses, patience):
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(val_losses), best_epoch


def off_by_one_patience(val_losses, patience):
    return early_stopping_epochs(val_losses, patience + 1)


def restores_last(val_losses, patience):
    stopped, _ = early_stopping_epochs(val_losses, patience)
    return stopped, stopped


def swapped(val_losses, patience):
    stopped, restored = early_stopping_epochs(val_losses, patience)
    return restored, stopped


@pytest.mark.parametrize(
    "wrong", [best_only, zero_based, ties_improve, off_by_one_patience, restores_last, swapped]
)
def test_wrong_early_stopping_rules_fail(wrong):
    assert not checks.check_early_stopping_epochs(wrong, quiet=True).passed


def test_answers_of_the_wrong_kind_fail():
    assert not checks.check_early_stopping_epochs(lambda v, p: 5, quiet=True).passed
    assert not checks.check_early_stopping_epochs(lambda v, p: (5.0, 3.0), quiet=True).passed
    assert not checks.check_steps_to_forget(lambda m, t: np.array([44]), quiet=True).passed
    assert not checks.check_dropout_at_inference(lambda x, r, inv: 0.6, quiet=True).passed


def test_stubs_and_non_functions_are_reported_kindly():
    def stub(*args):
        raise NotImplementedError

    for check in (
        checks.check_dropout_at_inference,
        checks.check_early_stopping_epochs,
        checks.check_steps_to_forget,
    ):
        assert check(stub, quiet=True).not_implemented
        result = check(None, quiet=True)
        assert not result.passed and "function" in result.message
