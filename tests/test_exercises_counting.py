"""Whole-number answers of notebooks 06-08: right ones pass, wrong ones fail without the answer."""

import numpy as np
import pytest

from course_utils.exercises import cnn, keras_ann, sklearn_mlp
from course_utils.exercises._counting import check_count, float_instead_of_int


def test_check_count_passes_ints_and_numpy_ints():
    assert check_count(21, 21, name="n", quiet=True).passed
    assert check_count(np.int64(21), 21, name="n", quiet=True).passed


@pytest.mark.parametrize("wrong", [21.0, "21", True, None, [21], 20, 22])
def test_check_count_rejects_wrong_answers_without_revealing_them(wrong):
    result = check_count(wrong, 21, name="n", mistakes={20: "one short."}, quiet=True)
    assert not result.passed
    assert "21" not in result.message.replace(str(wrong), "")


def test_check_count_placeholder_and_bad_name():
    assert check_count(..., 21, name="n", quiet=True).not_implemented
    with pytest.raises(ValueError, match="name"):
        check_count(21, 21, name="")


def test_check_count_names_the_mistake_or_the_direction():
    assert "one short" in check_count(20, 21, name="n", mistakes={20: "one short."},
                                      quiet=True).message
    assert "too small" in check_count(3, 21, name="n", quiet=True).message
    assert "too large" in check_count(99, 21, name="n", quiet=True).message


def test_float_instead_of_int():
    assert float_instead_of_int(lambda h: h // 2, (6,), "f", quiet=True) is None
    assert float_instead_of_int(lambda h: 1 / 0, (6,), "f", quiet=True) is None  # left to check
    assert float_instead_of_int(3, (6,), "f", quiet=True) is None                   # not callable
    result = float_instead_of_int(lambda h: h / 2, (6,), "f", quiet=True)
    assert not result.passed and "float" in result.message and "//" in result.message


@pytest.mark.parametrize("check, expected", [(cnn.check_conv_parameters, 4640),
                                             (keras_ann.check_param_total, 2778)])
@pytest.mark.parametrize("offset", [-58, -32, -10, -1, 1, 1000])
def test_paper_counts_never_give_the_answer_away(check, expected, offset):
    result = check(expected + offset, quiet=True)
    assert not result.passed
    assert str(expected) not in result.message


def test_conv_parameters_diagnoses():
    assert "bias" in cnn.check_conv_parameters(4608, quiet=True).message
    assert "16 input channels" in cnn.check_conv_parameters(320, quiet=True).message
    assert "int" in cnn.check_conv_parameters(4640.0, quiet=True).message


def test_param_total_diagnoses():
    assert "bias" in keras_ann.check_param_total(2720, quiet=True).message
    assert "layer before" in keras_ann.check_param_total(3770, quiet=True).message


def test_float_sizes_and_counts_say_so():
    size = cnn.check_output_size(lambda h, f, p, s: (h + 2 * p - f) / s + 1, quiet=True)
    assert not size.passed and "float" in size.message
    count = sklearn_mlp.check_count_parameters(
        lambda n, h, o: float(sum(a * b + b for a, b in zip((n, *h), (*h, o)))), quiet=True)
    assert not count.passed and "float" in count.message
