"""course_utils.images: the safe reader, the digit-photo renderer and the MNIST-style pipeline."""

import cv2
import numpy as np
import pytest

from course_utils.images import (
    MNIST_STROKE_WIDTH,
    read_image,
    render_digit_photo,
    render_text_page,
    stroke_width,
    to_mnist_style,
)

# --- read_image ------------------------------------------------------------------------------


def test_read_image_round_trip_colour_and_grayscale(tmp_path):
    photo = render_digit_photo(2, seed=3)
    path = tmp_path / "photo.png"
    assert cv2.imwrite(str(path), photo)
    colour = read_image(path)
    assert colour.shape == photo.shape and colour.dtype == np.uint8
    assert np.array_equal(colour, photo)  # PNG is lossless, channels stay BGR
    gray = read_image(str(path), grayscale=True)
    assert gray.shape == photo.shape[:2]
    # the decoder's own grey conversion may round differently from cvtColor by one level
    diff = np.abs(gray.astype(int) - cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(int))
    assert diff.max() <= 1


def test_read_image_missing_path_names_it_and_says_what_to_do(tmp_path):
    missing = tmp_path / "my_digit.jpg"
    with pytest.raises(FileNotFoundError) as info:
        read_image(missing)
    message = str(info.value)
    assert "my_digit.jpg" in message and "does not exist" in message
    assert "full path" in message


def test_read_image_corrupt_file_is_a_value_error_naming_it(tmp_path):
    bad = tmp_path / "not_really.png"
    bad.write_bytes(b"this is text, not a PNG")
    with pytest.raises(ValueError, match=r"not_really\.png") as info:
        read_image(bad)
    assert "could not read" in str(info.value)


def test_read_image_empty_file(tmp_path):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match=r"empty\.jpg"):
        read_image(empty)


def test_read_image_folder_and_wrong_type(tmp_path):
    with pytest.raises(IsADirectoryError, match="folder"):
        read_image(tmp_path)
    with pytest.raises(TypeError, match="path must be a file path"):
        read_image(42)


# --- render_digit_photo ----------------------------------------------------------------------


def test_photo_is_deterministic_bgr_uint8():
    a = render_digit_photo(7, seed=4)
    assert a.shape == (240, 320, 3) and a.dtype == np.uint8
    assert np.array_equal(a, render_digit_photo(7, seed=4))
    assert not np.array_equal(a, render_digit_photo(7, seed=5))
    assert not np.array_equal(a, render_digit_photo(1, seed=4))


def test_photo_looks_like_paper_with_dark_ink_and_uneven_light():
    photo = render_digit_photo(8, seed=0, size=(200, 260))
    assert photo.shape == (200, 260, 3)
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(float)
    paper = np.median(gray)
    assert 120 < paper < 240  # off-white, not pure white
    assert gray.min() < paper - 60  # dark pen strokes
    assert (gray < paper - 60).mean() < 0.2  # the digit covers only part of the page
    corners = [
        gray[:20, :20].mean(),
        gray[:20, -20:].mean(),
        gray[-20:, :20].mean(),
        gray[-20:, -20:].mean(),
    ]
    assert max(corners) - min(corners) > 15  # the light is uneven
    flat = render_digit_photo(8, seed=0, size=(200, 260), lighting=0.0, noise=0.0)
    assert flat.std() < photo.std()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"digit": 10}, "digit must be an int from 0 to 9"),
        ({"digit": "7"}, "digit must be an int from 0 to 9"),
        ({"digit": True}, "digit must be an int from 0 to 9"),
        ({"seed": -1}, "seed must be a non-negative int"),
        ({"seed": 1.5}, "seed must be a non-negative int"),
        ({"size": (240,)}, "size must be"),
        ({"size": (10, 320)}, "size"),
        ({"lighting": 2.0}, "lighting must be between"),
        ({"noise": -1.0}, "noise must be between"),
        ({"specks": -1}, "specks must be an int >= 0"),
        ({"specks": 2.5}, "specks must be an int >= 0"),
    ],
)
def test_photo_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        render_digit_photo(**kwargs)


# --- to_mnist_style --------------------------------------------------------------------------


def test_mnist_style_shape_dtype_and_layout():
    digit = to_mnist_style(render_digit_photo(3, seed=2))
    assert digit.shape == (28, 28) and digit.dtype == np.uint8
    assert digit.max() == 255 and digit.min() == 0
    ys, xs = np.nonzero(digit)
    # the digit fits the central 20 x 20 box's size, with a black border around it
    assert ys.max() - ys.min() + 1 <= 20 and xs.max() - xs.min() + 1 <= 20
    assert ys.max() - ys.min() + 1 >= 19 or xs.max() - xs.min() + 1 >= 19
    assert digit[0].max() == 0 and digit[-1].max() == 0
    assert digit[:, 0].max() == 0 and digit[:, -1].max() == 0
    # white digit on black: most pixels are background
    assert (digit == 0).mean() > 0.6
    # centre of mass near the middle, as in MNIST
    m = cv2.moments(digit)
    assert abs(m["m10"] / m["m00"] - 13.5) <= 1.0 and abs(m["m01"] / m["m00"] - 13.5) <= 1.0


def test_mnist_style_accepts_grayscale_in_both_layouts():
    photo = render_digit_photo(6, seed=1)
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    expected = to_mnist_style(photo)
    assert np.array_equal(to_mnist_style(gray), expected)
    assert np.array_equal(to_mnist_style(gray[..., None]), expected)


def test_mnist_style_survives_uneven_light_for_every_digit():
    """A dark corner must not be taken for ink: the digit fills the box for every digit."""
    for seed in range(3):
        for d in range(10):
            photo = render_digit_photo(d, seed=seed, lighting=0.6)
            digit = to_mnist_style(photo)
            ys, xs = np.nonzero(digit > 64)
            height, width = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
            assert max(height, width) >= 18, (d, seed, height, width)
            assert 0.04 < (digit > 127).mean() < 0.35, (d, seed)


def test_mnist_style_matches_a_drawn_digit_nearly_exactly():
    """A clean synthetic "1" (a vertical bar) becomes a centred vertical bar."""
    page = np.full((100, 100), 230, np.uint8)
    page[20:80, 45:55] = 20
    digit = to_mnist_style(page)
    cols = np.nonzero(digit.max(axis=0))[0]
    rows = np.nonzero(digit.max(axis=1))[0]
    assert rows.min() == 4 and rows.max() == 23  # 20 rows tall, centred vertically
    assert len(cols) <= 6 and abs(cols.mean() - 13.5) <= 1


@pytest.mark.parametrize(
    "bad, error, match",
    [
        (None, ValueError, "image is None"),
        ([[0, 255], [255, 0]], TypeError, "must be a NumPy array"),
        (np.zeros((0, 5), np.uint8), ValueError, "image is empty"),
        (np.zeros((50, 50), np.float32), ValueError, "dtype uint8"),
        (np.zeros((50, 50, 4), np.uint8), ValueError, r"shape \(H, W\)"),
        (np.zeros(50, np.uint8), ValueError, r"shape \(H, W\)"),
        (np.full((60, 60, 3), 200, np.uint8), ValueError, "no digit"),
    ],
)
def test_mnist_style_bad_input(bad, error, match):
    with pytest.raises(error, match=match):
        to_mnist_style(bad)


# --- specks, the text page, stroke width ----------------------------------------------------


def test_specks_are_opt_in_and_only_add_small_dark_dots():
    clean = render_digit_photo(5, seed=2)
    assert np.array_equal(render_digit_photo(5, seed=2, specks=0), clean)  # the default
    dusty = render_digit_photo(5, seed=2, specks=8)
    assert np.array_equal(dusty, render_digit_photo(5, seed=2, specks=8))
    changed = np.abs(dusty.astype(int) - clean.astype(int)).max(axis=2) > 30
    assert 8 <= changed.sum() < 400  # eight dots of radius 1 or 2 pixels, nothing else
    assert (dusty[changed].astype(int).sum(axis=1) < clean[changed].astype(int).sum(axis=1)).all()


def test_text_page_knows_its_ink():
    page, ink = render_text_page()
    assert page.shape == ink.shape == (200, 320) and page.dtype == np.uint8 and ink.dtype == bool
    assert np.array_equal(page, render_text_page()[0])  # deterministic
    assert 0.03 < ink.mean() < 0.3
    left = slice(0, 100)
    assert page[:, left][ink[:, left]].mean() < page[:, left][~ink[:, left]].mean() - 80
    assert page[:, :20].mean() > page[:, -20:].mean() + 60  # lit from the left
    flat, _ = render_text_page(lighting=0.0)
    assert abs(flat[:, :20].mean() - flat[:, -20:].mean()) < 25
    other, other_ink = render_text_page(seed=3, size=(120, 200), lines=["Hi"])
    assert other.shape == (120, 200) and other_ink[:, :80].any() and not other_ink[:, 150:].any()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"seed": -2}, "seed must be a non-negative int"),
        ({"size": (20, 320)}, "size"),
        ({"lighting": 1.5}, "lighting must be between"),
        ({"lines": "one line"}, "lines must be a list of strings"),
    ],
)
def test_text_page_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        render_text_page(**kwargs)


@pytest.mark.parametrize("width", [2, 3, 5, 9])
def test_stroke_width_of_bars_and_a_ring(width):
    bar = np.zeros((120, 60), np.uint8)
    bar[10:110, 20 : 20 + width] = 255
    assert abs(stroke_width(bar) - width) <= 0.15 * width + 0.3
    ring = cv2.circle(np.zeros((200, 200), np.uint8), (100, 100), 60, 255, width)
    drawn = int((ring[100, :100] > 0).sum())  # OpenCV draws the ring a little wider
    assert abs(stroke_width(ring) - drawn) <= 0.15 * drawn  # the hole's outline counts too


def test_stroke_width_edge_cases():
    assert stroke_width(np.zeros((5, 5), np.uint8)) == 0.0  # no ink
    dot = np.zeros((5, 5), np.uint8)
    dot[2, 2] = 255
    assert stroke_width(dot) == 1.0
    with pytest.raises(ValueError, match="binary or grayscale"):
        stroke_width(np.zeros((5, 5, 3), np.uint8))
    with pytest.raises(ValueError, match="dtype uint8"):
        stroke_width(np.zeros((5, 5)))


# --- to_mnist_style's clean-up steps ---------------------------------------------------------


def test_clean_up_is_off_by_default():
    photo = render_digit_photo(7, seed=3)
    assert np.array_equal(
        to_mnist_style(photo), to_mnist_style(photo, despeckle=False, thicken_to=None)
    )


def test_despeckle_gives_back_the_clean_photos_digit():
    """Specks stretch the crop; the opening removes them (most photos: see the notebook)."""
    same = 0
    for d in range(10):
        clean = to_mnist_style(render_digit_photo(d, seed=d), despeckle=True)
        dusty_photo = render_digit_photo(d, seed=d, specks=8)
        assert np.abs(to_mnist_style(dusty_photo).astype(int) - clean).max() > 100
        dusty = to_mnist_style(dusty_photo, despeckle=True)
        same += int(np.abs(dusty.astype(int) - clean).max() <= 60)
    assert same >= 9


def test_despeckle_keeps_clean_strokes():
    for d in (1, 4, 8):
        photo = render_digit_photo(d, seed=5)
        plain, cleaned = to_mnist_style(photo), to_mnist_style(photo, despeckle=True)
        assert np.abs(plain.astype(float) - cleaned).mean() < 3


def test_thicken_reaches_mnist_width_and_never_thins():
    widths_before, widths_after = [], []
    for d in range(10):
        photo = render_digit_photo(d, seed=40 + d)
        widths_before.append(stroke_width(to_mnist_style(photo)))
        widths_after.append(stroke_width(to_mnist_style(photo, thicken_to=MNIST_STROKE_WIDTH)))
    assert np.median(widths_before) < MNIST_STROKE_WIDTH - 0.2
    assert abs(np.median(widths_after) - MNIST_STROKE_WIDTH) < 0.2
    photo = render_digit_photo(3, seed=1)
    assert np.array_equal(to_mnist_style(photo, thicken_to=0.5), to_mnist_style(photo))
    thick = to_mnist_style(photo, thicken_to=4.0)
    assert stroke_width(thick) > 3.2 and thick.shape == (28, 28) and thick[0].max() == 0


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"thicken_to": 0}, ValueError, "thicken_to must be None or a stroke width"),
        ({"thicken_to": -1.0}, ValueError, "thicken_to"),
        ({"thicken_to": 11}, ValueError, "thicken_to"),
        ({"thicken_to": "2"}, ValueError, "thicken_to"),
        ({"thicken_to": True}, ValueError, "thicken_to"),
        ({"despeckle": "yes"}, TypeError, "despeckle must be True or False"),
    ],
)
def test_clean_up_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        to_mnist_style(render_digit_photo(2, seed=0), **kwargs)
