"""The command line, one module per subcommand: ``train``, ``train-cnn``, ``filter``, and the window's
``--screenshot``. ``gui.cli.parser.build_parser`` assembles them; ``main.py`` only dispatches.

Nothing here imports Qt at module level: ``--help`` and ``train`` start without it.
"""
