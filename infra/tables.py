"""DynamoDB tables built from the PynamoDB models' own schema (the one `create_table` uses),
so the stack cannot drift from the code; tests/infra compares the two."""

from __future__ import annotations

from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct
from pynamodb.models import Model

from chalicelib.store.tables import ALL_MODELS

_TYPES = {"S": dynamodb.AttributeType.STRING, "N": dynamodb.AttributeType.NUMBER,
          "B": dynamodb.AttributeType.BINARY}  # fmt: skip


def _key(schema: dict[str, Any], kind: str) -> dynamodb.Attribute | None:
    types = {a["AttributeName"]: a["AttributeType"] for a in schema["attribute_definitions"]}
    for key in schema["key_schema"]:
        if key["KeyType"] == kind:
            name = key["AttributeName"]
            return dynamodb.Attribute(name=name, type=_TYPES[types[name]])
    return None


def table_for(scope: Construct, model: type[Model], stage: str) -> dynamodb.Table:
    schema = model._get_schema()
    ttl = next((name for name, attribute in model.get_attributes().items()
                if type(attribute).__name__ == "TTLAttribute"), None)  # fmt: skip
    stream = getattr(model.Meta, "stream_view_type", None)
    production = stage == "prod"
    table = dynamodb.Table(
        scope,
        model.__name__.removesuffix("Model") + "Table",
        table_name=f"lapor-{stage}-{vars(model.Meta)['table_name'].suffix}",
        partition_key=_key(schema, "HASH"),
        sort_key=_key(schema, "RANGE"),
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
            point_in_time_recovery_enabled=True
        ),
        encryption=dynamodb.TableEncryption.AWS_MANAGED,
        deletion_protection=production,
        removal_policy=RemovalPolicy.RETAIN if production else RemovalPolicy.DESTROY,
        time_to_live_attribute=ttl,
        stream=dynamodb.StreamViewType(stream) if stream else None,
    )
    for index in schema["global_secondary_indexes"]:
        table.add_global_secondary_index(
            index_name=index["index_name"],
            partition_key=_key(index, "HASH"),
            sort_key=_key(index, "RANGE"),
            projection_type=dynamodb.ProjectionType(index["projection"]["ProjectionType"]),
            non_key_attributes=index["projection"].get("NonKeyAttributes"),
        )
    return table


def all_tables(scope: Construct, stage: str) -> dict[str, dynamodb.Table]:
    """A table per model, by model name, named for ``stage`` as settings name them."""
    return {model.__name__: table_for(scope, model, stage) for model in ALL_MODELS}
