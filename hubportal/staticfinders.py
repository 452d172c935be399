"""Single files from npm packages, served as our own static files: the 3D viewer's
bundle without the rest of its package (settings.NODE_STATIC_FILES maps the URL path
under STATIC_URL to the file under node_modules/)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class NodeFilesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.files = {target: Path(source) for target, source in settings.NODE_STATIC_FILES.items()}

    def check(self, **kwargs):
        return [
            Error(f"{source} is missing: run `make setup` (npm ci)", id="portal.E001")
            for source in self.files.values()
            if not source.exists()
        ]

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        source = self.files.get(path)
        found = str(source) if source and source.exists() else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        for target, source in self.files.items():
            storage = FileSystemStorage(location=source.parent)
            storage.prefix = target.rsplit("/", 1)[0]
            yield source.name, storage
