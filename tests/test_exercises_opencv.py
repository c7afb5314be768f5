"""Notebook 05's self-checks accept the right answers and name the plausible wrong ones.

(That every wrong answer of ``tests/wrong_answers/nb05.py`` is rejected without giving the answer
away is tested in ``test_exercises_wrong_answers.py``; here: the right answers, in more than one
form, and the words each mistake gets.)
"""

import cv2
import numpy as np
import pytest

from course_utils.exercises import opencv as checks
from course_utils.images import render_text_page


def adaptive_mean_threshold(image, block_size, c):
    local_mean = cv2.blur(image, (block_size, block_size), borderType=cv2.BORDER_REPLICATE)
    return np.where(image.astype(int) > local_mean.astype(int) - c, 255, 0).astype(np.uint8)


def iou(mask, truth):
    mask = mask > 0
    return (mask & truth).sum() / (mask | truth).sum()


def best_adaptive_settings(page, true_ink, block_sizes, offsets):
    best_pair, best_iou = None, -1.0
    for block_size in block_sizes:
        for c in offsets:
            ink = cv2.adaptiveThreshold(
                page, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, block_size, c
            )
            if iou(ink, true_ink) > best_iou:
                best_pair, best_iou = (block_size, c), iou(ink, true_ink)
    return best_pair


def crop_to_ink(binary):
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return binary[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def opencv_tozero_inv():
    return cv2.threshold(
        checks.TOZERO_PIXELS, checks.TOZERO_THRESH, checks.TOZERO_MAXVAL, cv2.THRESH_TOZERO_INV
    )[1]


def test_right_answers_pass_in_every_reasonable_form():
    prediction = opencv_tozero_inv()
    assert checks.check_tozero_inv_prediction(prediction, quiet=True).passed
    assert checks.check_tozero_inv_prediction(prediction.tolist(), quiet=True).passed
    assert checks.check_adaptive_mean_threshold(adaptive_mean_threshold, quiet=True).passed
    assert checks.check_adaptive_mean_threshold(
        lambda i, b, c: cv2.adaptiveThreshold(
            i, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, b, c
        ),
        quiet=True,
    ).passed
    assert checks.check_best_adaptive_settings(best_adaptive_settings, quiet=True).passed
    assert checks.check_best_adaptive_settings(
        lambda *args: tuple(np.int64(v) for v in best_adaptive_settings(*args)), quiet=True
    ).passed
    assert checks.check_crop_to_ink(crop_to_ink, quiet=True).passed
    opened = cv2.morphologyEx(checks.OPENING_MASK, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    assert checks.check_opened_pixels(int(opened.sum()), quiet=True).passed
    assert checks.check_opened_pixels(np.int64(opened.sum()), quiet=True).passed


def test_the_prediction_names_the_wrong_pixels_not_their_values():
    prediction = opencv_tozero_inv().astype(int)
    prediction[0, 1] = 0  # the pixel equal to the threshold, as if >= were the rule
    result = checks.check_tozero_inv_prediction(prediction, quiet=True)
    assert not result.passed
    assert "1 of the 8 pixels is not right yet, at (row 0, column 1)" in result.message
    assert "not above it" in result.message
    assert str(checks.TOZERO_THRESH) not in result.message.split("Hint")[0]


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda i, b, c: np.where(i > cv2.blur(i, (b, b)).astype(int) - c, 255, 0).astype(
                np.uint8
            ),
            "border",
        ),
        (lambda i, b, c: adaptive_mean_threshold(i, b, -c), "subtracted from the mean"),
        (lambda i, b, c: adaptive_mean_threshold(i, b, c) > 0, "not True and False"),
        (
            lambda i, b, c: np.where(
                i > cv2.blur(i.astype(np.float32), (b, b), borderType=cv2.BORDER_REPLICATE) - c,
                255,
                0,
            ).astype(np.uint8),
            "rounds each local mean",
        ),
        (
            lambda i, b, c: np.where(
                i > cv2.blur(i, (b, b), borderType=cv2.BORDER_REPLICATE) - np.uint8(c % 256),
                255,
                0,
            ).astype(np.uint8),
            "wrapped around",
        ),
    ],
)
def test_mean_threshold_mistakes_are_named(wrong, words):
    result = checks.check_adaptive_mean_threshold(wrong, quiet=True)
    assert not result.passed and words in result.message, result.message


def test_a_uint8_subtraction_that_overflows_is_named_on_the_dark_image():
    def in_uint8(image, block_size, c):  # what many learners write first
        local = cv2.blur(image, (block_size, block_size), borderType=cv2.BORDER_REPLICATE) - c
        return np.where(image > local, 255, 0).astype(np.uint8)

    result = checks.check_adaptive_mean_threshold(in_uint8, quiet=True)
    assert not result.passed and "very dark image" in result.message
    assert "wrapped around" in result.message


def test_tuning_diagnoses_and_never_shows_the_best_pair():
    page, truth = render_text_page()
    best = best_adaptive_settings(page, truth, range(5, 52, 4), range(0, 31, 3))
    lesson = checks.check_best_adaptive_settings(lambda *args: (25, 15), quiet=True)
    assert not lesson.passed and "another block size does better" in lesson.message
    assert str(best) not in lesson.message and f"{best[0]}, {best[1]}" not in lesson.message
    swapped = checks.check_best_adaptive_settings(
        lambda *args: best_adaptive_settings(*args)[::-1], quiet=True
    )
    assert "wrong order" in swapped.message
    score = checks.check_best_adaptive_settings(lambda *args: 0.96, quiet=True)
    assert "two whole numbers" in score.message


def test_opened_pixels_names_the_thin_parts_that_go():
    result = checks.check_opened_pixels(int(checks.OPENING_MASK.sum()) - 1, quiet=True)
    assert not result.passed and "hair" in result.message and "bar" in result.message
    assert not checks.check_opened_pixels(12.0, quiet=True).passed


def test_stubs_are_not_implemented_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    for check in (
        checks.check_adaptive_mean_threshold,
        checks.check_best_adaptive_settings,
        checks.check_crop_to_ink,
    ):
        result = check(stub)
        assert not result.passed and result.not_implemented
    for check in (checks.check_tozero_inv_prediction, checks.check_opened_pixels):
        assert check(..., quiet=True).not_implemented
    assert "not implemented yet" in capsys.readouterr().out
