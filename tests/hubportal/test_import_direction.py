"""Imports run in one direction (CONTRIBUTING.md, "Layers" and "Import direction"):
the layers read bottom to top (import-linter's contracts in pyproject.toml); a task
imports its service inside its body, and that and AppConfig.ready are the only places
an import hides in a function; admin modules never import views."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]


def _every_module() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def _modules(name: str) -> list[Path]:
    return [path for path in _every_module() if path.name == name]


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
            if path.name == "tasks.py" or (path.name == "apps.py" and node.name == "ready"):
                continue
            found += [
                f"{path.relative_to(ROOT)}:{inner.lineno}"
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            ]
    return found


def test_every_package_of_the_project_is_in_the_layers():
    """A new app gets its place in the contracts, or nothing checks its imports."""
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(PACKAGES)
    layered = {
        name.strip() for layer in CONFIG["contracts"][0]["layers"] for name in layer.split("|")
    }
    assert layered == set(PACKAGES)


def test_the_layer_contracts_are_kept():
    command = Path(sys.executable).parent / "lint-imports"  # from the dev lock
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_import_hides_in_a_function_outside_tasks_and_ready():
    found = [line for path in _every_module() for line in _function_level_imports(path)]
    assert found == []


@pytest.mark.parametrize("path", _modules("tasks.py"), ids=str)
def test_tasks_do_not_import_services_at_module_level(path):
    assert not {n for n in _top_level_imports(path) if "services" in n or "reminders" in n}


@pytest.mark.parametrize("path", _modules("admin.py"), ids=str)
def test_admin_never_imports_views(path):
    assert not {n for n in _top_level_imports(path) if "views" in n}
