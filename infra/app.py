"""The CDK app: one stack per stage. `make synth` writes the templates to infra/cdk.out/.

Context (cdk.json or -c): site_domain, mail_domain, admin_emails, operator_email."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aws_cdk import App, Environment, Tags

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from infra.lapor_stack import CertificateStack, LaporStack

DEFAULTS = {
    "site_domain": "lapor.example",
    "mail_domain": "lapor.example",
    "admin_emails": "admin@lapor.example",
    "operator_email": "ops@lapor.example",
    # Empty: the AWS SDK for pandas layer's ARN comes from AWS's public SSM parameter.
    "pandas_layer_arn": "",
}


def build_app(outdir: str | None = None) -> App:
    outdir = outdir or os.environ.get("CDK_OUTDIR") or str(Path(__file__).parent / "cdk.out")
    app = App(outdir=outdir)
    region = os.environ.get("CDK_DEFAULT_REGION", "ap-southeast-3")
    environment = Environment(account=os.environ.get("CDK_DEFAULT_ACCOUNT"), region=region)
    # `chalice package`, run by the Chalice construct, asks botocore for a region.
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    for stage in ("dev", "prod"):
        context = {key: app.node.try_get_context(f"{stage}:{key}") or app.node.try_get_context(key)
                   or default for key, default in DEFAULTS.items()}  # fmt: skip
        # CloudFront takes certificates from us-east-1 only; the reference crosses regions.
        certificate = CertificateStack(
            app, f"lapor-{stage}-certificate", site_domain=context["site_domain"],
            env=Environment(account=environment.account, region="us-east-1"),
            cross_region_references=True)  # fmt: skip
        stack = LaporStack(app, f"lapor-{stage}", stage=stage, env=environment,
                           certificate=certificate.certificate, cross_region_references=True,
                           **context)  # fmt: skip
        for tagged in (certificate, stack):
            Tags.of(tagged).add("project", "lapor")
            Tags.of(tagged).add("stage", stage)
    return app


if __name__ == "__main__":
    build_app().synth()
