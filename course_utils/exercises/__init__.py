"""Self-checks for the exercises, one module per notebook.

In a notebook: ``from course_utils.exercises import perceptron as checks`` and then, in the
cell after an exercise, ``checks.check_update_rule(perceptron_update)``.
"""
