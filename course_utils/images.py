"""Images with OpenCV: a safe reader, a digit "photo" made in code, and the MNIST-style pipeline.

- :func:`read_image` reads a learner's own image file and says clearly what went wrong
  (``cv2.imread`` itself silently returns ``None``).
- :func:`render_digit_photo` makes a realistic photo of a hand-written digit on paper, entirely
  in code (pen strokes, off-white paper, uneven light, sensor noise, a slight tilt), so the
  notebooks need no downloaded photo.
- :func:`render_text_page` makes a page of printed text lit from one side, together with the
  true ink mask, so that a threshold's result can be scored against the truth.
- :func:`stroke_width` measures how wide the strokes of a binary (or grey) image are.
- :func:`to_mnist_style` turns such a photo into a 28 × 28 array that looks like an MNIST digit
  (white digit on black, centred by its centre of mass), ready for a network trained on MNIST;
  on request it also removes specks and thickens thin strokes to MNIST's width.

>>> photo = render_digit_photo(3, seed=1)
>>> photo.shape, photo.dtype
((240, 320, 3), dtype('uint8'))
>>> digit = to_mnist_style(photo)
>>> digit.shape, digit.dtype
((28, 28), dtype('uint8'))
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from course_utils.notebook import check_seed

#: Side of an MNIST image and of the box the digit is scaled into (as in the original MNIST).
MNIST_SIZE, DIGIT_BOX = 28, 20
#: Ink must be this many grey levels brighter (after inverting) than its neighbourhood's
#: weighted mean to count as ink in the adaptive threshold of :func:`to_mnist_style`.
ADAPTIVE_OFFSET = 20
#: The typical width of MNIST's strokes in pixels of the 28 × 28 image, as :func:`stroke_width`
#: measures it (the median over real MNIST digits is about 2.3; our photos give about 1.9).
MNIST_STROKE_WIDTH = 2.3

#: Pen colours (BGR) the renderer picks from: blue ballpoint, black pen, dark blue ink.
_INKS = ((125, 55, 35), (45, 40, 40), (95, 45, 30))


def read_image(path: str | os.PathLike[str], *, grayscale: bool = False) -> np.ndarray:
    """Read an image file with ``cv2.imread``; fail with a clear message instead of ``None``.

    Returns a ``uint8`` array: ``(H, W, 3)`` in OpenCV's **BGR** channel order, or ``(H, W)``
    with ``grayscale=True``. A missing path raises :class:`FileNotFoundError`, a file OpenCV
    cannot decode (not an image, corrupt, unsupported format) raises :class:`ValueError`; both
    name the file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = cv2.imwrite(str(folder / "digit.png"), render_digit_photo(5))
    >>> read_image(folder / "digit.png").shape
    (240, 320, 3)
    >>> read_image(folder / "digit.png", grayscale=True).shape
    (240, 320)
    >>> read_image(folder / "nope.png")
    Traceback (most recent call last):
    ...
    FileNotFoundError: ...
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a file path (str or pathlib.Path), got {type(path).__name__}"
        )
    file = Path(path).expanduser()
    if not file.exists():
        raise FileNotFoundError(
            f"path {str(file)!r} does not exist. Check the spelling and the folder, copy or "
            f"upload your image next to the notebook, or pass its full path.\n"
            f"(A relative path starts from the current folder, {str(Path.cwd())!r}.)"
        )
    if file.is_dir():
        raise IsADirectoryError(
            f"path {str(file)!r} is a folder; pass the path of an image "
            f"file inside it (for example a .png or .jpg)"
        )
    flag = cv2.IMREAD_GRAYSCALE if grayscale else cv2.IMREAD_COLOR
    # np.fromfile + imdecode also works for paths with non-ASCII characters (Windows).
    data = np.fromfile(str(file), dtype=np.uint8)
    image = cv2.imdecode(data, flag) if data.size else None
    if image is None:
        raise ValueError(
            f"OpenCV could not read {str(file)!r} as an image ({data.size} bytes): the file is "
            f"empty, corrupt, or not in a format OpenCV reads (use .png, .jpg, .bmp or .tiff)."
        )
    return image


def _check_positive_int(name: str, value: Any, minimum: int = 1) -> int:
    if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


#: Pen strokes of each digit as control points in a unit box (x to the right, y down), drawn
#: the way people write them; each stroke is a list of points a smooth curve passes through.
_STROKES: dict[int, list[list[tuple[float, float]]]] = {
    0: [
        [
            (0.5, 0.0),
            (0.15, 0.2),
            (0.08, 0.55),
            (0.3, 0.95),
            (0.65, 0.95),
            (0.9, 0.55),
            (0.85, 0.2),
            (0.55, 0.0),
            (0.42, 0.05),
        ]
    ],
    1: [[(0.42, 0.12), (0.6, 0.0), (0.55, 0.5), (0.5, 1.0)]],
    2: [
        [
            (0.12, 0.25),
            (0.45, 0.0),
            (0.82, 0.18),
            (0.7, 0.5),
            (0.35, 0.8),
            (0.1, 1.0),
            (0.5, 0.95),
            (0.92, 0.97),
        ]
    ],
    3: [
        [
            (0.15, 0.12),
            (0.5, 0.0),
            (0.82, 0.18),
            (0.7, 0.38),
            (0.4, 0.47),
            (0.75, 0.56),
            (0.88, 0.78),
            (0.6, 0.98),
            (0.1, 0.88),
        ]
    ],
    4: [
        [(0.3, 0.0), (0.12, 0.6), (0.5, 0.62), (0.92, 0.58)],
        [(0.72, 0.1), (0.7, 0.55), (0.66, 1.0)],
    ],
    5: [
        [
            (0.85, 0.02),
            (0.5, 0.0),
            (0.28, 0.03),
            (0.2, 0.45),
            (0.55, 0.38),
            (0.85, 0.6),
            (0.75, 0.92),
            (0.4, 1.0),
            (0.1, 0.88),
        ]
    ],
    6: [
        [
            (0.75, 0.0),
            (0.4, 0.25),
            (0.15, 0.65),
            (0.35, 1.0),
            (0.72, 0.93),
            (0.8, 0.68),
            (0.5, 0.52),
            (0.2, 0.68),
        ]
    ],
    7: [[(0.1, 0.05), (0.5, 0.02), (0.9, 0.0), (0.6, 0.5), (0.4, 1.0)]],
    8: [
        [
            (0.82, 0.12),
            (0.5, 0.0),
            (0.18, 0.15),
            (0.3, 0.37),
            (0.5, 0.48),
            (0.82, 0.66),
            (0.75, 0.92),
            (0.45, 1.0),
            (0.15, 0.85),
            (0.25, 0.6),
            (0.5, 0.48),
            (0.75, 0.32),
            (0.82, 0.12),
        ]
    ],
    9: [
        [
            (0.82, 0.22),
            (0.5, 0.0),
            (0.18, 0.2),
            (0.3, 0.45),
            (0.62, 0.42),
            (0.82, 0.22),
            (0.75, 0.6),
            (0.62, 1.0),
        ]
    ],
}


def _catmull_rom(points: np.ndarray, samples: int = 16) -> np.ndarray:
    """A smooth curve through ``points`` (n, 2): a Catmull-Rom spline, ``samples`` per segment."""
    padded = np.vstack([points[:1], points, points[-1:]])
    t = np.linspace(0.0, 1.0, samples, endpoint=False)[:, None]
    pieces = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        pieces.append(
            0.5
            * (
                2 * p1
                + (p2 - p0) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                + (3 * p1 - p0 - 3 * p2 + p3) * t**3
            )
        )
    pieces.append(points[-1:])
    return np.vstack(pieces)


def _digit_mask(digit: int, rng: np.random.Generator, side: int) -> np.ndarray:
    """A float32 ``(side, side)`` mask in [0, 1] with pen strokes of ``digit``, roughly centred."""
    height = side * rng.uniform(0.5, 0.6)
    width = height * rng.uniform(0.6, 0.8)
    slant = rng.uniform(-0.05, 0.25)  # most people lean their digits a little to the right
    thickness = max(2, round(height * rng.uniform(0.09, 0.12)))
    mask = np.zeros((side, side), np.uint8)
    for stroke in _STROKES[digit]:
        points = np.array(stroke) + rng.normal(0.0, 0.025, (len(stroke), 2))
        curve = _catmull_rom(points)
        x = (curve[:, 0] - 0.5 + slant * (0.5 - curve[:, 1])) * width + side / 2
        y = (curve[:, 1] - 0.5) * height + side / 2
        pixels = np.round(np.column_stack([x, y]) * 16).astype(np.int32)  # 4 fractional bits
        cv2.polylines(mask, [pixels], False, 255, thickness, cv2.LINE_AA, shift=4)
    # A hand never draws the same curve twice: bend the strokes with a smooth random warp.
    coarse = rng.normal(0.0, 1.0, (2, 4, 4)).astype(np.float32)
    amplitude = 0.015 * side
    dx = cv2.resize(coarse[0], (side, side), interpolation=cv2.INTER_CUBIC) * amplitude
    dy = cv2.resize(coarse[1], (side, side), interpolation=cv2.INTER_CUBIC) * amplitude
    gx, gy = np.meshgrid(np.arange(side, dtype=np.float32), np.arange(side, dtype=np.float32))
    bent = cv2.remap(mask, gx + dx, gy + dy, cv2.INTER_LINEAR, borderValue=0)
    return bent.astype(np.float32) / 255.0


def _speck_mask(size: tuple[int, int], count: int, seed: int) -> np.ndarray:
    """A float32 mask with ``count`` small dark specks (radius 1 or 2 pixels) anywhere."""
    rng = np.random.default_rng([seed, count, 7])  # its own generator: the photo stays the same
    height, width = size
    mask = np.zeros((height, width), np.float32)
    for _ in range(count):
        centre = (int(rng.integers(4, width - 4)), int(rng.integers(4, height - 4)))
        cv2.circle(mask, centre, int(rng.integers(1, 3)), 0.9, -1, cv2.LINE_AA)
    return mask


def render_digit_photo(
    digit: int = 7,
    *,
    seed: int = 0,
    size: tuple[int, int] = (240, 320),
    lighting: float = 0.35,
    noise: float = 5.0,
    specks: int = 0,
) -> np.ndarray:
    """A realistic BGR ``uint8`` "photo" of a hand-written ``digit`` on paper, made in code.

    Pen strokes (a script font, bent by a smooth random warp so no two look alike) in blue or
    black ink on off-white paper, photographed slightly tilted and in perspective, with an
    uneven lighting gradient (``lighting``: how much darker the darkest corner is, 0 to 0.8),
    a little blur and sensor noise (``noise``: its standard deviation in grey levels).
    ``size`` is ``(height, width)`` in pixels. ``specks`` dark specks of dust (1 to 2 pixels
    in radius) are scattered over the paper; ``specks=0`` (the default) leaves the page clean,
    and the photo is the same as without the argument. The same ``digit`` and ``seed`` give
    the same photo; nothing is downloaded.

    >>> photo = render_digit_photo(7, seed=0)
    >>> photo.shape, photo.dtype
    ((240, 320, 3), dtype('uint8'))
    >>> bool((photo == render_digit_photo(7, seed=0)).all())
    True
    """
    if isinstance(digit, bool) or not isinstance(digit, int | np.integer) or not 0 <= digit <= 9:
        raise ValueError(f"digit must be an int from 0 to 9, got {digit!r}")
    seed = check_seed(seed)
    if not (isinstance(size, tuple | list) and len(size) == 2):
        raise ValueError(f"size must be (height, width), got {size!r}")
    height = _check_positive_int("size[0] (height)", size[0], 64)
    width = _check_positive_int("size[1] (width)", size[1], 64)
    if not 0.0 <= float(lighting) <= 0.8:
        raise ValueError(f"lighting must be between 0 and 0.8, got {lighting!r}")
    if not 0.0 <= float(noise) <= 40.0:
        raise ValueError(f"noise must be between 0 and 40 grey levels, got {noise!r}")
    specks = _check_positive_int("specks", specks, minimum=0)
    rng = np.random.default_rng([int(seed), int(digit)])

    # 1. The ink: a digit mask, tilted and seen in perspective, placed near the middle.
    side = min(height, width)
    mask = _digit_mask(int(digit), rng, side)
    src = np.float32([[0, 0], [side, 0], [side, side], [0, side]])
    angle = np.deg2rad(rng.uniform(-10, 10))
    scale = rng.uniform(0.85, 1.0)
    centre = np.array(
        [
            width / 2 + rng.uniform(-0.08, 0.08) * width,
            height / 2 + rng.uniform(-0.06, 0.06) * height,
        ]
    )
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    dst = (src - side / 2) * scale @ rotation.T + centre
    dst += rng.uniform(-0.04, 0.04, dst.shape) * side  # a phone never faces the page squarely
    homography = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    ink_alpha = cv2.warpPerspective(
        mask, homography, (width, height), flags=cv2.INTER_LINEAR, borderValue=0
    )
    ink_alpha *= rng.uniform(0.85, 0.97)  # ink never covers the paper completely
    if specks:
        ink_alpha = np.maximum(ink_alpha, _speck_mask((height, width), specks, int(seed)))

    # 2. The paper: off-white with a faint fibre texture.
    paper_colour = np.array([212, 226, 236], np.float32) + rng.uniform(-8, 8, 3)
    texture = cv2.resize(
        rng.normal(0, 1, (height // 8, width // 8)).astype(np.float32),
        (width, height),
        interpolation=cv2.INTER_CUBIC,
    )
    paper = paper_colour + 3.0 * texture[..., None]
    ink = np.array(_INKS[int(rng.integers(len(_INKS)))], np.float32)
    image = paper * (1 - ink_alpha[..., None]) + ink * ink_alpha[..., None]

    # 3. The light: brighter on one side, darker in the opposite corner, a faint vignette.
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    direction = rng.uniform(0, 2 * np.pi)
    ramp = (xx / width - 0.5) * np.cos(direction) + (yy / height - 0.5) * np.sin(direction)
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    radius2 = ((xx / width - 0.5) ** 2 + (yy / height - 0.5) ** 2) / 0.5
    light = (1.0 - float(lighting) * ramp) * (1.0 - 0.08 * radius2)
    image *= light[..., None]

    # 4. The camera: a little out of focus, then sensor noise.
    image = cv2.GaussianBlur(image, (0, 0), sigmaX=0.8)
    image += rng.normal(0.0, float(noise), image.shape).astype(np.float32)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def _as_uint8_image(name: str, image: Any) -> np.ndarray:
    """Check that ``image`` is a non-empty uint8 grayscale or BGR image; return it as an array."""
    if image is None:
        raise ValueError(
            f"{name} is None: cv2.imread returns None when it cannot read a file; "
            f"use course_utils.images.read_image to get a clear error instead"
        )
    if not isinstance(image, np.ndarray):
        raise TypeError(f"{name} must be a NumPy array (an image), got {type(image).__name__}")
    if image.size == 0:
        raise ValueError(f"{name} is empty (shape {image.shape}); pass an image with pixels")
    if image.dtype != np.uint8:
        raise ValueError(
            f"{name} must have dtype uint8 (grey levels 0-255), got {image.dtype}; "
            f"for floats in [0, 1] use (image * 255).round().astype(np.uint8)"
        )
    if not (image.ndim == 2 or (image.ndim == 3 and image.shape[2] in (1, 3))):
        raise ValueError(
            f"{name} must have shape (H, W) (grayscale) or (H, W, 3) (BGR colour), "
            f"got {image.shape}"
        )
    return image


def render_text_page(
    seed: int = 0,
    *,
    size: tuple[int, int] = (200, 320),
    lighting: float = 0.7,
    lines: Sequence[str] = (
        "Thresholding turns",
        "a photo of a page",
        "into black and white:",
        "ink or paper?",
    ),
) -> tuple[np.ndarray, np.ndarray]:
    """A grayscale page of printed text lit from the left, and the true ink mask.

    The text is drawn into a mask first, then laid on paper whose light falls from the left
    edge to the right one (``lighting``: how much darker the right edge is, 0 to 0.9), with
    sensor noise from ``seed``. Because the mask is known, a threshold's result can be scored
    against the truth. ``size`` is ``(height, width)``; ``lines`` are the lines of text (at
    most four fit the default size). Returns ``(page, ink)``: a ``uint8`` image and a ``bool``
    mask of the same shape.

    >>> page, ink = render_text_page()
    >>> page.shape, page.dtype, ink.dtype
    ((200, 320), dtype('uint8'), dtype('bool'))
    >>> bool(page[:, :20].mean() > page[:, -20:].mean())  # brighter on the left
    True
    """
    seed = check_seed(seed)
    if not (isinstance(size, tuple | list) and len(size) == 2):
        raise ValueError(f"size must be (height, width), got {size!r}")
    height = _check_positive_int("size[0] (height)", size[0], 64)
    width = _check_positive_int("size[1] (width)", size[1], 64)
    if not 0.0 <= float(lighting) <= 0.9:
        raise ValueError(f"lighting must be between 0 and 0.9, got {lighting!r}")
    if isinstance(lines, str) or not all(isinstance(line, str) for line in lines):
        raise ValueError(f"lines must be a list of strings (lines of text), got {lines!r}")
    rng = np.random.default_rng(seed)
    ink = np.zeros((height, width), np.uint8)
    for i, text in enumerate(lines):
        cv2.putText(
            ink, text, (12, 38 + 44 * i), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 255, 2, cv2.LINE_AA
        )
    light = (
        np.linspace(1.0, 1.0 - float(lighting), width)[None, :]
        * np.linspace(1.0, 0.8, height)[:, None]
    )
    page = (215 - 170 * (ink / 255.0)) * light + rng.normal(0, 4, (height, width))
    return np.clip(page, 0, 255).astype(np.uint8), ink > 127


def stroke_width(image: np.ndarray) -> float:
    """The mean width, in pixels, of the strokes in a binary or grey image (bright on dark).

    Pixels brighter than 127 count as ink. A stroke of length L and width w covers about
    L · w pixels and its outline is about 2 L long, so w ≈ 2 × ink area / outline length
    (the outlines, holes included, found by ``cv2.findContours``). It is a good estimate for
    long, thin strokes such as hand-writing, at any resolution. An image without ink gives 0.

    >>> bar = np.zeros((40, 40), np.uint8)
    >>> bar[5:35, 18:22] = 255  # a bar 30 pixels long and 4 wide
    >>> round(stroke_width(bar))
    4
    """
    image = _as_uint8_image("image", image)
    if image.ndim == 3 and image.shape[2] == 3:
        raise ValueError(
            f"image must be a binary or grayscale image (H, W), got shape {image.shape}; "
            f"convert a colour image with cv2.cvtColor first"
        )
    ink = (image.reshape(image.shape[:2]) > 127).astype(np.uint8)
    if not ink.any():
        return 0.0
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(contour, True) for contour in contours)
    if outline == 0:  # only isolated single pixels: each is one pixel wide
        return 1.0
    return float(2 * np.count_nonzero(ink) / outline)


def to_mnist_style(
    image: np.ndarray, *, despeckle: bool = False, thicken_to: float | None = None
) -> np.ndarray:
    """Turn a photo of one dark hand-written digit on light paper into an MNIST-style image.

    Returns a ``(28, 28)`` ``uint8`` array with a white digit on black, like MNIST. The steps
    (notebook 05 does them one by one):

    1. grayscale: ``cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)`` (a 2-D image is used as it is);
    2. invert: ``255 - gray`` (MNIST digits are bright on a dark background);
    3. threshold: a 5 × 5 Gaussian blur against sensor noise, then an *adaptive* threshold
       (``cv2.adaptiveThreshold``, Gaussian-weighted neighbourhood a quarter of the photo's
       shorter side, ink at least :data:`ADAPTIVE_OFFSET` grey levels above it), which copes
       with uneven light where one global (even Otsu's) threshold turns a dark corner into
       "ink"; ink becomes 255, paper 0;
    4. crop to the bounding box of the ink (``cv2.boundingRect``);
    5. pad with zeros to a square, the digit in the middle (keeps its proportions);
    6. resize the square into a 20 × 20 box (``cv2.INTER_AREA``: smooth grey edges as in MNIST);
    7. place it in a 28 × 28 black image so that the digit's centre of mass
       (``cv2.moments``) lands on the centre, as MNIST did.

    Two clean-up steps between 3 and 4 are off by default (so the result is the same as
    before they existed):

    - ``despeckle=True``: a morphological *opening* with a disc about 0.6 times as wide as
      the strokes (:func:`stroke_width`) removes specks of dust smaller than that, which
      would otherwise stretch the crop of step 4;
    - ``thicken_to=w``: strokes thinner than ``w`` pixels *of the 28 × 28 result* are
      *dilated* with a disc until they are about ``w`` wide. :data:`MNIST_STROKE_WIDTH` is
      MNIST's typical width; a thin pen gives thinner strokes than MNIST's.

    >>> digit = to_mnist_style(render_digit_photo(0, seed=2))
    >>> digit.shape, int(digit[0].max()), int(digit.max())
    ((28, 28), 0, 255)
    >>> thick = to_mnist_style(render_digit_photo(0, seed=2), thicken_to=MNIST_STROKE_WIDTH)
    >>> bool(stroke_width(thick) > stroke_width(digit))
    True
    """
    image = _as_uint8_image("image", image)
    if not isinstance(despeckle, bool | np.bool_):
        raise TypeError(f"despeckle must be True or False, got {despeckle!r}")
    if thicken_to is not None and (
        isinstance(thicken_to, bool)
        or not isinstance(thicken_to, int | float | np.integer | np.floating)
        or not 0 < float(thicken_to) <= 10
    ):
        raise ValueError(
            f"thicken_to must be None or a stroke width in pixels of the 28 x 28 result, "
            f"between 0 and 10 (MNIST's is about {MNIST_STROKE_WIDTH}), got {thicken_to!r}"
        )
    if image.ndim == 3 and image.shape[2] == 3:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    else:
        gray = image.reshape(image.shape[:2])
    inverted = 255 - gray
    blurred = cv2.GaussianBlur(inverted, (5, 5), 0)
    block = min(gray.shape) // 4  # a quarter of the shorter side: wider than a stroke
    if block % 2 == 0:
        block = block + 1  # OpenCV needs an odd block size
    block = max(block, 3)
    binary = cv2.adaptiveThreshold(
        blurred, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, -ADAPTIVE_OFFSET
    )
    if not binary.any():
        raise ValueError(
            "image shows no digit: no pixel is clearly darker than its "
            "surroundings; pass a photo of a dark digit on lighter paper"
        )
    if despeckle:
        binary = _remove_specks(binary)
    if thicken_to is not None:
        binary = _thicken(binary, float(thicken_to))
    x, y, w, h = cv2.boundingRect(binary)
    digit = binary[y : y + h, x : x + w]
    side = max(w, h)
    square = np.zeros((side, side), np.uint8)
    top, left = (side - h) // 2, (side - w) // 2
    square[top : top + h, left : left + w] = digit
    small = cv2.resize(square, (DIGIT_BOX, DIGIT_BOX), interpolation=cv2.INTER_AREA)
    moments = cv2.moments(small)
    cy = moments["m01"] / moments["m00"]  # centre of mass (row, column) inside the 20 × 20 box
    cx = moments["m10"] / moments["m00"]
    margin = MNIST_SIZE - DIGIT_BOX
    row = int(np.clip(round((MNIST_SIZE - 1) / 2 - cy), 0, margin))
    col = int(np.clip(round((MNIST_SIZE - 1) / 2 - cx), 0, margin))
    mnist_style = np.zeros((MNIST_SIZE, MNIST_SIZE), np.uint8)
    mnist_style[row : row + DIGIT_BOX, col : col + DIGIT_BOX] = small
    return mnist_style


def _disc(diameter: int) -> np.ndarray:
    """A round structuring element ``diameter`` pixels wide (for erosion and dilation)."""
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (diameter, diameter))


def _remove_specks(binary: np.ndarray) -> np.ndarray:
    """Opening with an odd disc about 0.6 stroke widths wide: specks go, strokes stay."""
    size = round(0.6 * stroke_width(binary))
    if size % 2 == 0:
        size = size + 1
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, _disc(max(size, 3)))
    return opened if opened.any() else binary


def _thicken(binary: np.ndarray, width: float) -> np.ndarray:
    """Dilate the ink until its strokes are about ``width`` pixels wide once the digit is
    scaled into the 20 × 20 box."""
    _, _, w, h = cv2.boundingRect(binary)
    side = max(w, h)
    width_now = stroke_width(binary) * DIGIT_BOX / side  # in pixels of the 28 × 28 result
    grow = round((width - width_now) * side / DIGIT_BOX)  # pixels to add, in the photo
    if grow < 1:
        return binary
    return cv2.dilate(binary, _disc(grow + 1))
