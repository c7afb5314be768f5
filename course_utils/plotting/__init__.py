"""Pictures that several notebooks need, one module per kind of picture.

Every function draws with matplotlib and returns the ``Axes`` it drew on, so a notebook can
add titles or combine pictures. Import from here: ``from course_utils.plotting import show_images``.
"""

from course_utils.plotting.boundaries import plot_decision_boundary
from course_utils.plotting.images import show_images
from course_utils.plotting.training import plot_confusion_matrix, plot_history
from course_utils.plotting.cnn import plot_feature_maps, plot_filters, plot_predictions, show_matrix
from course_utils.plotting.activations import plot_with_derivatives
from course_utils.plotting.surfaces import plot_loss_surface, plot_path_1d
