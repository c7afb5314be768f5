"""image_mosaic joins rows of images into one picture, row by row, image by image."""

import numpy as np
import pytest

from course_utils.plotting.mosaic import image_mosaic


def test_each_image_lands_in_its_row_and_column():
    rows = np.zeros((3, 5, 784))
    for r in range(3):
        for i in range(5):
            rows[r, i] = 10 * r + i
    mosaic = image_mosaic(rows)
    assert mosaic.shape == (84, 140)
    for r in range(3):
        for i in range(5):
            block = mosaic[28 * r : 28 * (r + 1), 28 * i : 28 * (i + 1)]
            assert (block == 10 * r + i).all()


def test_an_image_keeps_its_orientation():
    image = np.arange(12).reshape(3, 4)
    assert np.array_equal(image_mosaic([[image]], image_shape=(3, 4)), image)
    assert np.array_equal(image_mosaic([[image.ravel()]], image_shape=(3, 4)), image)


def test_a_list_of_stacks_is_accepted():
    mosaic = image_mosaic([np.ones((2, 784)), np.zeros((2, 784))])
    assert mosaic.shape == (56, 56) and mosaic[:28].all() and not mosaic[28:].any()


@pytest.mark.parametrize(
    "rows, shape, match",
    [
        (np.zeros((0, 3, 784)), (28, 28), "rows is empty"),
        (np.zeros((2, 3, 100)), (28, 28), "rows must have shape"),
        (np.zeros((3, 784)), (28, 28), "rows must have shape"),
        (np.zeros((1, 2, 784)), (28,), "image_shape"),
        (np.zeros((1, 2, 784)), (0, 28), "image_shape"),
    ],
)
def test_bad_input_names_the_argument(rows, shape, match):
    with pytest.raises(ValueError, match=match):
        image_mosaic(rows, image_shape=shape)
