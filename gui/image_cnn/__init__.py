"""The "CNN on images" tab: watch a small 2D CNN (``core.image_cnn``) learn to read digits.

``tab.ImageCnnTab`` is the tab; ``worker`` / ``handle`` train on their own thread (the shared
``ChunkedRunner``: one unit is one batch); every view draws the tab's displayed moment
(``gui.training.moment.MomentModel``) and never the live network the worker trains.
``folder`` reads a folder of one's own images (QtGui only: the ``train-cnn`` command uses it).
Nothing is imported here, so ``import gui.image_cnn.folder`` pulls in no widgets.
"""
