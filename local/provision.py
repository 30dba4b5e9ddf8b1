"""Create locally what the production stack creates in AWS: tables, the admins' user pool
with its `admins` group and a demo admin, and the link-signing secret; then seed reference
data. Used by the dev runner and by the test harness, so both match production."""

from __future__ import annotations

import os
from dataclasses import dataclass

import boto3

from chalicelib.auth.link_keys import new_secret_value
from chalicelib.settings import get_settings
from chalicelib.store.reference import seed_reference_data
from chalicelib.store.tables import create_tables

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "Lapor-Admin-2026!"  # noqa: S105 - a local, in-memory demo account


@dataclass(frozen=True)
class AdminPool:
    pool_id: str
    client_id: str


def create_admin_pool(stage: str) -> AdminPool:
    cognito = boto3.client("cognito-idp")
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
    cognito = boto3.client("cognito-idp")
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
    result = boto3.client("cognito-idp").initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )["AuthenticationResult"]
    return {"id_token": result["IdToken"], "access_token": result["AccessToken"]}


def provision(stage: str | None = None, *, jwks_base_url: str | None = None) -> AdminPool:
    """Everything, in an empty account; settings are re-read to pick up the new pool.
    ``jwks_base_url``: where the pool's public keys are served (the moto server locally)."""
    stage = stage or os.environ.get("LAPOR_STAGE", "dev")
    pool = create_admin_pool(stage)
    os.environ["LAPOR_COGNITO_POOL_ID"] = pool.pool_id
    os.environ["LAPOR_COGNITO_CLIENT_ID"] = pool.client_id
    if jwks_base_url:
        os.environ["LAPOR_COGNITO_JWKS_URL"] = (
            f"{jwks_base_url}/{pool.pool_id}/.well-known/jwks.json"
        )
    get_settings.cache_clear()
    boto3.client("secretsmanager").create_secret(
        Name=get_settings().link_secret_id, SecretString=new_secret_value()
    )
    create_tables()
    seed_reference_data()
    create_user(pool, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD, admin=True)
    return pool
