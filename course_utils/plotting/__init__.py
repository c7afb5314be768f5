"""Pictures that several notebooks need, one module per kind of picture.

Every function draws with matplotlib and returns the ``Axes`` it drew on, so a notebook can
add titles or combine pictures. Import from here: ``from course_utils.plotting import show_images``.

- :mod:`~course_utils.plotting.images`: grids of images
- :mod:`~course_utils.plotting.boundaries`: decision boundaries of 2-D classifiers
- :mod:`~course_utils.plotting.training`: training curves, confusion matrices
- :mod:`~course_utils.plotting.activations`: activation functions with their derivatives
- :mod:`~course_utils.plotting.surfaces`: loss surfaces with optimizer paths
- :mod:`~course_utils.plotting.cnn`: small matrices, a sliding window, filters, prediction grids
- :mod:`~course_utils.plotting.heatmaps`: maps on one colour scale, occlusion maps (09)
- :mod:`~course_utils.plotting.diagrams`: the pictures of notebook 00 (a layered network)
- :mod:`~course_utils.plotting.networks`: a small network and its computational graph (04)
"""

from course_utils.plotting.activations import plot_with_derivatives
from course_utils.plotting.boundaries import plot_decision_boundary
from course_utils.plotting.cnn import plot_filters, plot_predictions, show_matrix
from course_utils.plotting.images import show_images
from course_utils.plotting.surfaces import plot_loss_surface, plot_path_1d
from course_utils.plotting.training import plot_confusion_matrix, plot_history

__all__ = [
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_filters",
    "plot_history",
    "plot_loss_surface",
    "plot_path_1d",
    "plot_predictions",
    "plot_with_derivatives",
    "show_images",
    "show_matrix",
]
