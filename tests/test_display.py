"""A step's figure as igskit writes it: the pixels matplotlib would save, printed at its size."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from igskit.planning.display import FIGURE_DPI, png  # noqa: E402


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def test_a_figure_png_has_savefigs_pixels_and_its_printed_size():
    fig, ax = plt.subplots(figsize=(6.7, 3))
    ax.barh(["Sint-Katelijne-Waver", "Heist-op-den-Berg"], [3, 5], color="#0E4C5A")
    ax.set_title("Acties per gemeente", fontsize=9)
    saved = io.BytesIO()
    fig.savefig(saved, format="png", dpi=FIGURE_DPI)
    ours = png(fig)
    plt.close(fig)
    image = Image.open(io.BytesIO(ours))
    assert image.mode == "RGB" and image.size == (round(6.7 * FIGURE_DPI), 3 * FIGURE_DPI)
    assert [round(d) for d in image.info["dpi"]] == [FIGURE_DPI, FIGURE_DPI]  # 17 cm wide is 17 cm on paper
    assert np.array_equal(pixels(ours), pixels(saved.getvalue()))


def test_a_transparent_figure_keeps_its_alpha():
    fig = plt.figure(figsize=(2, 1))
    fig.patch.set_alpha(0)
    data = png(fig)
    plt.close(fig)
    assert Image.open(io.BytesIO(data)).mode == "RGBA"
    assert pixels(data)[..., 3].min() == 0
