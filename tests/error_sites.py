"""Where the program makes its errors, read from its source: each error's code, the facts given
with it, the words of its sentence, and which functions can lead to it.

The tests of kiosk.errors' contract use this: every code has its words at every front door that
meets it, and no use case's sentence names a command. Reading the source finds every place, also
the ones no other test happens to reach.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import kiosk

PACKAGE = Path(kiosk.__file__).resolve().parent
BASES = ("KioskError", "NotFound", "Refused")


@dataclass(frozen=True)
class ErrorClass:
    name: str
    parent: str
    code: str | None  # its own `code = "..."`, else None (inherited)
    # The codes its __init__ gives; None: the one given where it is made, else the class's.
    init_codes: frozenset[str | None]
    facts: frozenset[str]  # the facts its __init__ passes on
    words: tuple[str, ...]  # the sentences its __init__ writes, if it writes them


@dataclass(frozen=True)
class ErrorSite:
    """One place an error is made (raised, or built to be raised)."""

    where: str  # "kiosk/services/tickets.py:233"
    module: str  # "kiosk.services.tickets"
    error_class: str
    codes: frozenset[str]  # what its `code` can be there
    passed_on: bool  # the code is another error's, handed on (`code=error.code`)
    facts: frozenset[str]
    words: tuple[str, ...]  # the string pieces of its sentence


@dataclass
class _Module:
    name: str
    path: Path
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified name


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


@cache
def _modules() -> dict[str, _Module]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _Module(module_name(path), path, ast.parse(path.read_text(encoding="utf-8")))
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    module.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    module.imports[alias.asname or alias.name] = alias.name
        modules[module.name] = module
    return modules


def _strings(node: ast.AST | None) -> tuple[str, ...]:
    if node is None:
        return ()
    return tuple(
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


@cache
def error_classes() -> dict[str, ErrorClass]:
    """Every KioskError class in the program, by name (names are unique; a test checks)."""
    found: dict[str, ErrorClass] = {}
    candidates = [
        node
        for module in _modules().values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        grew = False
        for node in candidates:
            parents = [b.id for b in node.bases if isinstance(b, ast.Name)]
            parent = next((p for p in parents if p in found or p == "Exception"), None)
            is_root = node.name == "KioskError" and parent == "Exception"
            if node.name in found or parent is None or (parent == "Exception" and not is_root):
                continue
            found[node.name] = _error_class(node, parent, found.get(parent))
            grew = True
    return found


def _error_class(node: ast.ClassDef, parent: str, inherited: ErrorClass | None) -> ErrorClass:
    """`inherited`: the parent's, whose __init__ a class without its own runs."""
    if inherited is not None and not any(
        isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in node.body
    ):
        code = next(
            (
                s.value.value
                for s in node.body
                if isinstance(s, ast.Assign)
                and [getattr(t, "id", None) for t in s.targets] == ["code"]
                and isinstance(s.value, ast.Constant)
            ),
            None,
        )
        return ErrorClass(
            node.name, parent, code, inherited.init_codes, inherited.facts, inherited.words
        )
    code = None
    init_codes: set[str | None] = set()
    facts: set[str] = set()
    words: tuple[str, ...] = ()
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and [getattr(t, "id", None) for t in statement.targets] == ["code"]
            and isinstance(statement.value, ast.Constant)
        ):
            code = statement.value.value
        if isinstance(statement, ast.FunctionDef) and statement.name == "__init__":
            for call in ast.walk(statement):
                if not (isinstance(call, ast.Call) and _is_super_init(call)):
                    continue
                given = next((k.value for k in call.keywords if k.arg == "code"), None)
                literal = given.value if isinstance(given, ast.Constant) else None
                init_codes.add(literal if isinstance(literal, str) else None)
                facts.update(k.arg for k in call.keywords if k.arg not in (None, "code"))
                if call.args and node.name != "KioskError":
                    words += _strings(call.args[0])
    return ErrorClass(
        node.name, parent, code, frozenset(init_codes or {None}), frozenset(facts), words
    )


def class_code(name: str) -> str:
    classes = error_classes()
    error_class = classes[name]
    while error_class.code is None:
        error_class = classes[error_class.parent]
    assert error_class.code is not None
    return error_class.code


def _codes_given(value: ast.expr, default: str) -> tuple[frozenset[str], bool]:
    """The codes a `code=` expression can give, and whether it hands on another error's."""
    if isinstance(value, ast.Constant):
        return frozenset({default if value.value is None else value.value}), False
    if isinstance(value, ast.IfExp):
        body, passed_body = _codes_given(value.body, default)
        orelse, passed_else = _codes_given(value.orelse, default)
        return body | orelse, passed_body or passed_else
    return frozenset(), True


def _site(call: ast.Call, module: _Module) -> ErrorSite | None:
    """The error made by `call`, if it makes one."""
    classes = error_classes()
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name not in classes:
        return None
    given_codes, passed_on = frozenset({class_code(name)}), False
    for keyword in call.keywords:
        if keyword.arg == "code":
            given_codes, passed_on = _codes_given(keyword.value, class_code(name))
    codes = frozenset(
        code
        for init_code in classes[name].init_codes
        for code in (given_codes if init_code is None else {init_code})
    )
    given = frozenset(k.arg for k in call.keywords if k.arg not in (None, "code"))
    return ErrorSite(
        where=f"{module.path.relative_to(PACKAGE.parent)}:{call.lineno}",
        module=module.name,
        error_class=name,
        codes=codes,
        passed_on=passed_on,
        facts=given | classes[name].facts,
        words=_strings(call.args[0] if call.args else None) + classes[name].words,
    )


def _sites_in(node: ast.AST, module: _Module) -> Iterator[ErrorSite]:
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and (site := _site(call, module)) is not None:
            yield site


def error_sites(*packages: str) -> list[ErrorSite]:
    """Every place an error is made in these packages ("kiosk.services", …); all when none."""
    return [
        site
        for module in _modules().values()
        if not packages or any(module.name.startswith(p) for p in packages)
        for site in _sites_in(module.tree, module)
    ]


def codes_made(*packages: str) -> set[str]:
    return {code for site in error_sites(*packages) for code in site.codes}


# The call graph: which functions a function calls, and so which errors it can lead to.


@cache
def _functions() -> dict[str, tuple[ast.AST, _Module]]:
    found: dict[str, tuple[ast.AST, _Module]] = {}
    for module in _modules().values():
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef):
                found[f"{module.name}.{node.name}"] = (node, module)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        found[f"{module.name}.{node.name}.{item.name}"] = (item, module)
    return found


def _callee(call: ast.Call, module: _Module) -> str | None:
    """The program's function a call calls: by its name in its module, by a name imported
    from another module, or as `module.function` of an imported module."""
    functions = _functions()
    func = call.func
    if isinstance(func, ast.Name):
        candidates = [f"{module.name}.{func.id}", module.imports.get(func.id, "")]
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        imported = module.imports.get(func.value.id)
        candidates = [f"{imported}.{func.attr}"] if imported else []
    else:
        return None
    return next((c for c in candidates if c in functions), None)


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"Exception"}
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {t.id if isinstance(t, ast.Name) else getattr(t, "attr", "") for t in types}


def _is_caught(error_class: str, caught: frozenset[str]) -> bool:
    classes = error_classes()
    name: str | None = error_class
    while name is not None:
        if name in caught:
            return True
        name = classes[name].parent if name in classes else None
    return "Exception" in caught


def _calls_and_sites(
    node: ast.AST, module: _Module, caught: frozenset[str] = frozenset()
) -> Iterator[tuple[str | ErrorSite, frozenset[str]]]:
    """The functions called and the errors made in `node`, each with the error classes that
    an enclosing `try` catches there."""
    if isinstance(node, ast.Try):
        inner = caught | {n for h in node.handlers for n in _caught_names(h)}
        for statement in node.body:
            yield from _calls_and_sites(statement, module, inner)
        for part in [*node.handlers, *node.orelse, *node.finalbody]:
            yield from _calls_and_sites(part, module, caught)
        return
    if isinstance(node, ast.Call):
        callee = _callee(node, module)
        if callee is not None:
            yield callee, caught
        site = _site(node, module)
        if site is not None:
            yield site, caught
    for child in ast.iter_child_nodes(node):
        yield from _calls_and_sites(child, module, caught)


def _leads_to(name: str, busy: frozenset[str] = frozenset()) -> set[tuple[ErrorSite, str]]:
    """The errors (site, code) that calling function `name` can end in, leaving out those a
    `try` on the way catches. A function already on the way (recursion) adds nothing more."""
    node, module = _functions()[name]
    found: set[tuple[ErrorSite, str]] = set()
    for item, caught in _calls_and_sites(node, module):
        if isinstance(item, ErrorSite):
            reached = {(item, code) for code in item.codes}
        elif item in busy or item == name:
            continue
        else:
            reached = _leads_to(item, busy | {name})
        found.update(r for r in reached if not _is_caught(r[0].error_class, caught))
    return found


def codes_reachable_from(
    entry_modules: list[str], *, into: str, always: list[str]
) -> dict[str, str]:
    """Every code an error can have when it comes from a function of the package `into` that
    the `entry_modules` call, directly or through others; with each code, one place it is made.
    The codes made anywhere in the `always` modules count too (the database's, which every use
    case reaches through its Context's methods, which a call graph by name cannot follow)."""
    modules = _modules()
    entries = {
        item
        for name in entry_modules
        for item, _caught in _calls_and_sites(modules[name].tree, modules[name])
        if isinstance(item, str) and item.startswith(f"{into}.")
    }
    reached = {pair for entry in entries for pair in _leads_to(entry)}
    reached |= {
        (site, code)
        for name in always
        for site in _sites_in(modules[name].tree, modules[name])
        for code in site.codes
    }
    return {code: site.where for site, code in sorted(reached, key=lambda r: r[0].where)}
