"""Imports run in one direction (CONTRIBUTING.md, "Import direction"): services import
their tasks at the top; a task imports its service inside its body; admin modules
never import views; no service hides an import inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "hubportal",
    "hubportal/accounts",
    "hubportal/notifications",
    "hubs",
    "events",
    "coworking",
    "funding",
]


def _modules(name: str) -> list[Path]:
    return [ROOT / app / name for app in APPS if (ROOT / app / name).exists()]


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
            names.update(f"{node.module or ''}.{alias.name}".lstrip(".") for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _function_level_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [
                f"{path.relative_to(ROOT)}:{inner.lineno}"
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            ]
    return found


@pytest.mark.parametrize("path", _modules("tasks.py"), ids=str)
def test_tasks_do_not_import_services_at_module_level(path):
    assert not {n for n in _top_level_imports(path) if "services" in n or "reminders" in n}


@pytest.mark.parametrize("path", _modules("services.py"), ids=str)
def test_services_hide_no_imports_in_functions(path):
    assert _function_level_imports(path) == []


@pytest.mark.parametrize("path", _modules("admin.py"), ids=str)
def test_admin_never_imports_views(path):
    assert not {n for n in _top_level_imports(path) if "views" in n}
    assert _function_level_imports(path) == []
