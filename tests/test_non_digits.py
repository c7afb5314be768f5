"""The non-digits notebook 10 scores as anomalies: MNIST-like rows, reproducible, checked input."""

import numpy as np
import pytest

from course_utils.non_digits import KINDS, make_non_digits


def test_rows_of_uint8_pixels_in_turn_by_kind():
    images, kinds = make_non_digits(7, np.random.default_rng(1))
    assert images.shape == (7, 784) and images.dtype == np.uint8
    assert kinds.tolist() == [KINDS[i % 3] for i in range(7)]
    assert all(images[i].max() > 0 for i in range(7))  # nothing is left blank


def test_the_same_seed_gives_the_same_pictures():
    first, _ = make_non_digits(9, np.random.default_rng(5))
    again, _ = make_non_digits(9, np.random.default_rng(5))
    other, _ = make_non_digits(9, np.random.default_rng(6))
    assert np.array_equal(first, again) and not np.array_equal(first, other)


def test_shapes_and_letters_are_drawn_at_full_brightness():
    images, kinds = make_non_digits(30, np.random.default_rng(2))
    for kind in ("letter", "shape"):
        assert (images[kinds == kind].max(axis=1) == 255).all()


@pytest.mark.parametrize(
    "n, rng, match",
    [
        (0, np.random.default_rng(0), "n must be"),
        (2.5, np.random.default_rng(0), "n must be"),
        (True, np.random.default_rng(0), "n must be"),
        (3, 0, "rng must be"),
        (3, np.random.RandomState(0), "rng must be"),
    ],
)
def test_bad_input_names_the_argument(n, rng, match):
    with pytest.raises((ValueError, TypeError), match=match):
        make_non_digits(n, rng)
