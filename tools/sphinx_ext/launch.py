"""Launch buttons (Binder, JupyterHub...) only when ``_config.yml`` names a public repository.

A book without a public repository has no button that leads nowhere.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

#: The launch services that need a repository to launch from.
LAUNCH_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")


def launch_options(theme_options: dict[str, Any]) -> dict[str, Any]:
    """The theme options with launch buttons only when a public repository URL is configured.

    ``_config.yml``'s ``repository.url`` becomes ``repository_url`` and ``launch_buttons`` is
    passed through by Jupyter Book.  With an ``https://`` repository URL, the configured
    services (``binderhub_url``, and ``jupyterhub_url`` for nbgitpuller) are kept and the
    repository button is shown; without one, every service is blanked, so no page offers a
    button that leads nowhere.
    """
    out = dict(theme_options)
    url = str(out.get("repository_url") or "").strip()
    launch = dict(out.get("launch_buttons") or {})
    public = url.startswith("https://") and len(url.split("/")) >= 5
    if not public:
        for key in LAUNCH_SERVICES:
            if key in launch:
                launch[key] = ""
        launch["thebe"] = False
    out["launch_buttons"] = launch
    out["use_repository_button"] = public
    return out


def apply_launch_options(app: Sphinx, config: Config) -> None:
    config.html_theme_options = launch_options(config.html_theme_options or {})


def setup(app: Sphinx) -> None:
    app.connect("config-inited", apply_launch_options)
