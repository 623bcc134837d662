"""Help in the conventions a reader knows: `TEXT`, `INTEGER`, `QUERY`, flags without a type.

Typer 0.27 changed its help to print Python types (`<str>`, `<bool>`,
`<list[str]>`, even on flags) and to brace required arguments in the usage line
(`{query}`); older releases, click and most CLIs print `TEXT`, `INTEGER` and
`QUERY`. The command classes here restyle each parameter as the help is built;
on a Typer that still prints the old way (no `type_descriptor`) they change
nothing.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:  # Typer's own click (vendored since 0.26), for the hints only
    from typer._click import Context, Parameter

_NAMES: dict[Any, str] = {
    str: "TEXT",
    int: "INTEGER",
    float: "FLOAT",
    bool: "BOOLEAN",
    Path: "PATH",
}


def _type_name(param: TyperArgument | TyperOption) -> str:
    """The conventional type word of a parameter; nothing for a flag."""
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return ""
    desc = param.type_descriptor
    if desc.is_choice:
        choices = (c.value if isinstance(c, Enum) else c for c in desc.choices or ())
        return "[" + "|".join(str(c) for c in choices) + "]"
    annotation = desc.annotation
    if desc.is_list:
        annotation = getattr(annotation, "__args__", (str,))[0]
    name = _NAMES.get(annotation, "PATH" if desc.is_path else "TEXT")
    return f"{name} RANGE" if desc.is_ranged else name


class _Argument(TyperArgument):
    """An argument shown as QUERY (or [CLAIM_ID] when optional, PATHS... when repeated)."""

    def display_type(self, ctx: Context) -> str:
        return _type_name(self)

    def get_usage_pieces(self, ctx: Context) -> list[str]:
        name = self.display_name_raw
        return [name if self.required else f"[{name}]"]


class _Option(TyperOption):
    """An option shown with TEXT, INTEGER or its choices; a flag with nothing."""

    def display_type(self, ctx: Context) -> str:
        return _type_name(self)


def _restyle(params: list[Parameter]) -> list[Parameter]:
    for param in params:
        if not hasattr(param, "type_descriptor"):
            continue  # a Typer that already prints conventional help
        if isinstance(param, TyperArgument) and not isinstance(param, _Argument):
            param.__class__ = _Argument
            if param.metavar is None and param.name:
                dots = "..." if param.nargs != 1 else ""
                param.metavar = param.name.upper() + dots
        elif isinstance(param, TyperOption) and not isinstance(param, _Option):
            param.__class__ = _Option
    return params


class ConventionalCommand(TyperCommand):
    """A command whose help reads TEXT, INTEGER and QUERY (see the module docstring)."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _restyle(super().get_params(ctx))


class ConventionalGroup(TyperGroup):
    """A group whose help reads TEXT, INTEGER and QUERY (see the module docstring)."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        return _restyle(super().get_params(ctx))


def restyle_commands(app: typer.Typer) -> None:
    """Give every command of `app` and its sub-apps the conventional help (call once, last)."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = ConventionalCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            restyle_commands(group.typer_instance)
