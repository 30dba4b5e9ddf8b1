"""Every bucket of the stack starts the same way: no public access, encrypted, TLS only."""

from __future__ import annotations

from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_s3 as s3
from constructs import Construct


def private_bucket(scope: Construct, construct_id: str, *, removal_policy: RemovalPolicy,
                   **options: Any) -> s3.Bucket:  # fmt: skip
    return s3.Bucket(
        scope, construct_id,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        removal_policy=removal_policy,
        **options,
    )  # fmt: skip
