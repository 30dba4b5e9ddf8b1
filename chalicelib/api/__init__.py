"""HTTP: Chalice blueprints, request schemas and response shapes."""
