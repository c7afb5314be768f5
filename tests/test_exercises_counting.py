"""Whole-number answers of notebooks 06-08: right ones pass, wrong ones fail without the answer."""

import numpy as np
import pytest

from course_utils.checking import Mistake, check_value
from course_utils.exercises import cnn, keras_ann


def check_count(value, expected, **kwargs):
    return check_value(value, expected, whole_number=True, quiet=True, **kwargs)


def test_whole_numbers_pass_as_ints_and_numpy_ints():
    assert check_count(21, 21, exercise="n").passed
    assert check_count(np.int64(21), 21, exercise="n").passed


@pytest.mark.parametrize("wrong", [21.0, "21", True, None, [21], 20, 22])
def test_whole_numbers_reject_wrong_answers_without_revealing_them(wrong):
    result = check_count(wrong, 21, exercise="n", mistakes=[Mistake("one short.", like=20)])
    assert not result.passed and result.status == "failed"
    assert "21" not in result.message.replace(str(wrong), "")


def test_whole_number_placeholder():
    assert check_count(..., 21, exercise="n").not_implemented


def test_whole_numbers_name_the_mistake_or_the_direction():
    mistakes = [Mistake("one short.", like=20)]
    assert "one short" in check_count(20, 21, exercise="n", mistakes=mistakes).message
    assert "too small" in check_count(3, 21, exercise="n").message
    assert "too large" in check_count(99, 21, exercise="n").message


@pytest.mark.parametrize("check, expected", [(keras_ann.check_n_updates, 1260)])
@pytest.mark.parametrize("offset", [-58, -32, -10, -1, 1, 1000])
def test_paper_counts_never_give_the_answer_away(check, expected, offset):
    result = check(expected + offset, quiet=True)
    assert not result.passed
    assert str(expected) not in result.message


def test_stack_prediction_count_diagnoses():
    def with_first_count(count):
        (shape, _), *rest = cnn.stack_answer()
        return [(shape, count), *rest]

    assert "bias" in cnn.check_stack_prediction(with_first_count(600), quiet=True).message
    assert "input channels" in cnn.check_stack_prediction(with_first_count(208), quiet=True).message
    assert "int" in cnn.check_stack_prediction(with_first_count(608.0), quiet=True).message


def test_n_updates_diagnoses():
    assert "validation rows" in keras_ann.check_n_updates(1580, quiet=True).message
    assert "smaller batch" in keras_ann.check_n_updates(1240, quiet=True).message
    assert "int" in keras_ann.check_n_updates(1260.0, quiet=True).message


def test_float_sizes_and_counts_say_so():
    size = cnn.check_receptive_field(lambda specs: 1.0 + sum(f - 1 for f, _ in specs), quiet=True)
    assert not size.passed and "float" in size.message
