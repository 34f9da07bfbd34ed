"""The Network tab's training plots: prediction(s), kernel weights, output weights and loss vs. log epoch."""

from gui.network.plots.training_plots import TrainingPlots

__all__ = ["TrainingPlots"]
