"""Lapor's Lambda entry point: the Chalice app, its blueprints and middleware. Nothing else."""

from chalice import Chalice

from chalicelib.api import desks, reference, reports
from chalicelib.api.middleware import handle_errors

app = Chalice(app_name="lapor")
app.register_middleware(handle_errors, "http")
app.register_blueprint(reports.blueprint, url_prefix="/api")
app.register_blueprint(reference.blueprint, url_prefix="/api")
app.register_blueprint(desks.blueprint, url_prefix="/api")
