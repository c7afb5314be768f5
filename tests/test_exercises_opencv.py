"""Notebook 05's self-checks accept the right answers and reject plausible wrong ones."""

import cv2
import numpy as np
import pytest

from course_utils.exercises import opencv as checks


def threshold_binary(image, thresh, max_value):
    return np.where(image > thresh, max_value, 0).astype(np.uint8)


def bgr_to_gray(image):
    b, g, r = image[..., 0], image[..., 1], image[..., 2]
    return np.rint(0.114 * b + 0.587 * g + 0.299 * r).astype(np.uint8)


def crop_to_ink(binary):
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return binary[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def test_right_answers_pass():
    assert checks.check_threshold_binary(threshold_binary, quiet=True).passed
    assert checks.check_threshold_binary(
        lambda i, t, v: cv2.threshold(i, t, v, cv2.THRESH_BINARY)[1], quiet=True
    ).passed
    assert checks.check_bgr_to_gray(bgr_to_gray, quiet=True).passed
    assert checks.check_bgr_to_gray(
        lambda i: cv2.cvtColor(i, cv2.COLOR_BGR2GRAY), quiet=True
    ).passed
    assert checks.check_crop_to_ink(crop_to_ink, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda i, t, v: np.where(i >= t, v, 0).astype(np.uint8),  # >= instead of >
        lambda i, t, v: i > t,  # booleans
        lambda i, t, v: np.where(i > t, 255, 0).astype(np.uint8),  # ignores max_value
        lambda i, t, v: np.where(i > t, 0, v).astype(np.uint8),  # the inverse
        lambda i, t, v: np.where(i > t, v, 0),  # int64, not uint8
        lambda i, t, v: np.where(i > t, v, i).astype(np.uint8),  # keeps dark pixels
    ],
)
def test_wrong_thresholds_fail(wrong):
    assert not checks.check_threshold_binary(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda i: np.rint(0.299 * i[..., 0] + 0.587 * i[..., 1] + 0.114 * i[..., 2]).astype(
            np.uint8
        ),
        lambda i: i.mean(axis=2).round().astype(np.uint8),  # plain average
        lambda i: 0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2],  # float result
        lambda i: (0.114 * i[..., 0] + 0.587 * i[..., 1] + 0.299 * i[..., 2]).astype(np.uint8)[
            ..., None
        ],
        lambda i: i[..., 1],  # green channel only
    ],
)
def test_wrong_grays_fail(wrong):
    assert not checks.check_bgr_to_gray(wrong, quiet=True).passed


def off_by_one(binary):
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return binary[rows[0] : rows[-1], cols[0] : cols[-1]]


def swapped_axes(binary):
    rows = np.flatnonzero(binary.any(axis=0))
    cols = np.flatnonzero(binary.any(axis=1))
    return binary[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


@pytest.mark.parametrize(
    "wrong", [off_by_one, swapped_axes, lambda b: b, lambda b: b[np.nonzero(b)]]
)
def test_wrong_crops_fail(wrong):
    assert not checks.check_crop_to_ink(wrong, quiet=True).passed


def test_stub_is_not_implemented_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    for check in (
        checks.check_threshold_binary,
        checks.check_bgr_to_gray,
        checks.check_crop_to_ink,
    ):
        result = check(stub)
        assert not result.passed and result.not_implemented
    assert "not implemented yet" in capsys.readouterr().out
