"""Data, not code: the app's bundled files (icon, sample images, the digits data set, translations).

The wheel installs this folder as the package ``core.bundled`` (see pyproject.toml), so that
``importlib.resources`` finds the files in an installed app; read them through
``core.resources.resource_path``. Each sub-folder's LICENSES.md says where its files come from.
"""
