"""The shared ground: what every app uses and that knows no app (CONTRIBUTING.md, "Layers")."""
