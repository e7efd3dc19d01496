"""The HTML that helpers write, from Jinja2 templates with auto-escaping.

A helper that shows HTML (a table, a widget's panel, a map's text alternative) fills a
template in ``helpers/templates/`` instead of joining f-strings: every value is escaped
unless the template says otherwise (``|safe``, kept for HTML that a helper has itself
built from escaped parts), and a name the template uses but the helper did not pass is
an error, not an empty string.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """The one Jinja2 environment of the helpers.

    Returns
    -------
    jinja2.Environment
        Templates from ``helpers/templates``, auto-escaped, strict about undefined names,
        with block tags that leave no blank lines.

    Examples
    --------
    >>> environment().autoescape("x.html")
    True
    """
    return Environment(
        loader=PackageLoader("helpers", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, **context: Any) -> str:
    """Fill the template ``helpers/templates/<name>`` with ``context``.

    Parameters
    ----------
    name : str
        The template's file name, such as ``"source_list.html"``.
    **context
        The values the template uses; strings are escaped.

    Returns
    -------
    str
        The HTML.

    Raises
    ------
    jinja2.TemplateNotFound
        If there is no such template.
    jinja2.UndefinedError
        If the template uses a name that ``context`` does not give.

    Examples
    --------
    >>> render_string("<b>{{ x }}</b>", x="<i>")
    '<b>&lt;i&gt;</b>'
    """
    return environment().get_template(name).render(**context)


def render_string(source: str, **context: Any) -> str:
    """Fill a template given as a string (short snippets; tests).

    Parameters
    ----------
    source : str
        The template's text.
    **context
        The values it uses; strings are escaped.

    Returns
    -------
    str
        The HTML.

    Examples
    --------
    >>> render_string("{{ a }} & {{ b|safe }}", a="<", b="<br>")
    '&lt; & <br>'
    """
    return environment().from_string(source).render(**context)
