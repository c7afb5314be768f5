"""Notebook 11's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import regularization as checks


def l2_penalty(kernels, lam):
    return lam * sum(float(np.sum(np.square(k))) for k in kernels)


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
    assert checks.check_l2_penalty(l2_penalty, quiet=True).passed
    assert checks.check_early_stopping_epochs(early_stopping_epochs, quiet=True).passed


def test_keras_l2_regularizer_agrees_with_the_reference():
    """The exercise's formula is exactly what regularizers.l2(lam) adds to the loss."""
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    from keras import regularizers

    w = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    assert np.isclose(float(regularizers.l2(0.04)(w)), l2_penalty([w], 0.04), rtol=1e-5)


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


@pytest.mark.parametrize(
    "wrong",
    [
        lambda ks, lam: lam * sum(float(np.sum(np.abs(k))) for k in ks),  # L1, not L2
        lambda ks, lam: lam * sum(float(np.sqrt(np.sum(k**2))) for k in ks),  # norm, not squared
        lambda ks, lam: lam / 2 * sum(float(np.sum(k**2)) for k in ks),  # the 1/2 convention
        lambda ks, lam: lam * sum(float(np.mean(k**2)) for k in ks),  # mean, not sum
        lambda ks, lam: sum(float(np.sum(k**2)) for k in ks),  # forgets lambda
        lambda ks, lam: lam * float(np.sum(ks[0] ** 2)),  # first layer only
        lambda ks, lam: [lam * float(np.sum(k**2)) for k in ks],  # one per layer
    ],
)
def test_wrong_penalties_fail(wrong):
    result = checks.check_l2_penalty(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


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
    assert not checks.check_l2_penalty(lambda ks, lam: np.array([0.31]), quiet=True).passed


def test_stubs_and_non_functions_are_reported_kindly():
    def stub(*args):
        raise NotImplementedError

    for check in (checks.check_l2_penalty, checks.check_early_stopping_epochs):
        assert check(stub, quiet=True).not_implemented
        result = check(None, quiet=True)
        assert not result.passed and "function" in result.message
