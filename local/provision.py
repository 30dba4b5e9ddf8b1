"""Create locally what the production stack creates in AWS: tables, the admins' user pool
with its `admins` group and a demo admin, and the link-signing secret; then seed reference
data. Used by the dev runner and by the test harness, so both match production."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import boto3

from chalicelib.auth.link_keys import new_secret_value
from chalicelib.settings import get_settings
from chalicelib.store.reference import seed_reference_data
from chalicelib.store.tables import create_tables

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "Lapor-Admin-2026!"  # noqa: S105 - a local, in-memory demo account


@cache
def _client(service: str) -> Any:
    # One client per service for the process: creating a boto3 client costs ~80 ms.
    return boto3.client(service)


@dataclass(frozen=True)
class AdminPool:
    pool_id: str
    client_id: str


def create_admin_pool(stage: str) -> AdminPool:
    cognito = _client("cognito-idp")
    pool_id = cognito.create_user_pool(
        PoolName=f"lapor-{stage}-admins",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
            }
        },
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="lapor-admin-desk",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]
    cognito.create_group(GroupName=get_settings().admin_group, UserPoolId=pool_id)
    return AdminPool(pool_id, client_id)


def create_user(pool: AdminPool, username: str, password: str, *, admin: bool) -> None:
    cognito = _client("cognito-idp")
    cognito.admin_create_user(
        UserPoolId=pool.pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": f"{username}@lapor.example"}],
    )
    cognito.admin_set_user_password(
        UserPoolId=pool.pool_id, Username=username, Password=password, Permanent=True
    )
    if admin:
        cognito.admin_add_user_to_group(
            UserPoolId=pool.pool_id, Username=username, GroupName=get_settings().admin_group
        )


def sign_in(pool: AdminPool, username: str, password: str) -> dict[str, str]:
    """Real tokens from the user pool (USER_PASSWORD_AUTH)."""
    result = _client("cognito-idp").initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"]
    return {"id_token": result["IdToken"], "access_token": result["AccessToken"]}


MAIL_DOMAIN = "lapor.example"


def provision_mail() -> None:
    """The verified sending domain and the configuration set whose events report bounces."""
    ses = _client("ses")
    ses.verify_domain_identity(Domain=MAIL_DOMAIN)
    configuration_set = get_settings().ses_configuration_set
    if configuration_set:
        ses.create_configuration_set(ConfigurationSet={"Name": configuration_set})


def provision_attachments(site_origin: str = "*") -> None:
    """The attachments bucket, private, with CORS for the site's browser uploads."""
    s3 = _client("s3")
    bucket = get_settings().attachments_bucket
    s3.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": get_settings().region}
    )
    s3.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": [site_origin],
                    "AllowedMethods": ["POST"],
                    "AllowedHeaders": ["*"],
                    "MaxAgeSeconds": 3000,
                }
            ]
        },
    )


def provision_data() -> None:
    """Tables, reference data, the link-signing secret, the mail identity, the buckets."""
    _client("secretsmanager").create_secret(
        Name=get_settings().link_secret_id, SecretString=new_secret_value()
    )
    create_tables()
    seed_reference_data()
    provision_mail()
    provision_attachments()
    settings = get_settings()
    buckets = (settings.open_data_bucket, settings.analytics_bucket, settings.inbound_bucket,
               settings.certificates_bucket)  # fmt: skip
    for bucket in buckets:  # open-data files; events for analysts; received mail; certificates
        _client("s3").create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": settings.region}
        )


def provision_admins(stage: str, *, jwks_base_url: str | None = None) -> AdminPool:
    """The admins' user pool with a demo admin; settings are re-read to pick up the pool.
    ``jwks_base_url``: where the pool's public keys are served (the moto server locally)."""
    pool = create_admin_pool(stage)
    os.environ["LAPOR_COGNITO_POOL_ID"] = pool.pool_id
    os.environ["LAPOR_COGNITO_CLIENT_ID"] = pool.client_id
    if jwks_base_url:
        os.environ["LAPOR_COGNITO_JWKS_URL"] = (
            f"{jwks_base_url}/{pool.pool_id}/.well-known/jwks.json"
        )
    get_settings.cache_clear()
    create_user(pool, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD, admin=True)
    return pool


def provision(stage: str, *, jwks_base_url: str | None = None) -> AdminPool:
    """Everything the production stack holds, in an empty account."""
    provision_data()
    return provision_admins(stage, jwks_base_url=jwks_base_url)
