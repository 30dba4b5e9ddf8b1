"""The production stack, synthesized (no AWS account needed) and checked: its resources and
their properties, least-privilege IAM, tables equal to the PynamoDB models, and cfn-lint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from aws_cdk.assertions import Match, Template

from chalicelib.store.tables import ALL_MODELS

ROOT = Path(__file__).resolve().parents[2]
DATA_SERVICES = ("dynamodb", "s3", "secretsmanager", "ses", "sqs", "sns")
# Actions AWS offers on no narrower resource than "*" (an SMS to a phone number names no
# resource; the test below checks that whoever may text may publish to no topic).
UNSCOPABLE = {
    "dynamodb:ListStreams",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "sns:Publish",
    "sns:CheckIfPhoneNumberIsOptedOut",
    "sns:SetSMSAttributes",
    "ses:SetActiveReceiptRuleSet",  # an account's one active rule set: no resource to name
}


def _template(outdir: Path, stage: str) -> Template:
    return Template.from_json(json.loads((outdir / f"lapor-{stage}.template.json").read_text()))


@pytest.fixture(scope="module")
def dev(synthesized) -> Template:
    return _template(synthesized, "dev")


@pytest.fixture(scope="module")
def prod(synthesized) -> Template:
    return _template(synthesized, "prod")


def _resources(template: Template, kind: str) -> dict:
    return template.find_resources(kind)


def _table(template: Template, model) -> dict:
    name = f"lapor-dev-{vars(model.Meta)['table_name'].suffix}"
    [table] = [
        r["Properties"]
        for r in _resources(template, "AWS::DynamoDB::Table").values()
        if r["Properties"]["TableName"] == name
    ]
    return table


@pytest.mark.parametrize("model", ALL_MODELS, ids=[m.__name__ for m in ALL_MODELS])
def test_each_table_has_exactly_the_keys_and_indexes_of_its_model(dev, model):
    table, schema = _table(dev, model), model._get_schema()
    assert sorted(map(json.dumps, table["KeySchema"])) == sorted(
        json.dumps({"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]})
        for k in schema["key_schema"]
    )
    definitions = {d["AttributeName"]: d["AttributeType"] for d in table["AttributeDefinitions"]}
    expected = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
    for index in schema["global_secondary_indexes"]:
        expected |= {d["AttributeName"]: d["AttributeType"] for d in index["attribute_definitions"]}
    assert definitions == expected
    indexes = {i["IndexName"]: i for i in table.get("GlobalSecondaryIndexes", [])}
    assert set(indexes) == {i["index_name"] for i in schema["global_secondary_indexes"]}
    for index in schema["global_secondary_indexes"]:
        assert _by_kind(indexes[index["index_name"]]["KeySchema"]) == _by_kind(index["key_schema"])
        assert indexes[index["index_name"]]["Projection"] == index["projection"]


def _by_kind(key_schema: list[dict]) -> dict[str, str]:
    return {k["KeyType"]: k["AttributeName"] for k in key_schema}


def test_every_table_is_on_demand_encrypted_and_recoverable(dev, prod):
    for template in (dev, prod):
        for table in _resources(template, "AWS::DynamoDB::Table").values():
            properties = table["Properties"]
            assert properties["BillingMode"] == "PAY_PER_REQUEST"
            assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
            assert properties["SSESpecification"]["SSEEnabled"]


def test_prod_tables_are_protected_from_deletion_and_kept(dev, prod):
    for table in _resources(prod, "AWS::DynamoDB::Table").values():
        assert table["Properties"]["DeletionProtectionEnabled"] is True
        assert table["DeletionPolicy"] == "Retain"
    for table in _resources(dev, "AWS::DynamoDB::Table").values():
        assert not table["Properties"].get("DeletionProtectionEnabled")


def test_the_outbox_streams_new_items_and_expiring_tables_have_ttl(dev):
    from chalicelib.store.models import IdempotencyModel, OutboxModel

    outbox = _table(dev, OutboxModel)
    assert outbox["StreamSpecification"] == {"StreamViewType": "NEW_IMAGE"}
    assert outbox["TimeToLiveSpecification"] == {"AttributeName": "expires", "Enabled": True}
    assert _table(dev, IdempotencyModel)["TimeToLiveSpecification"]["AttributeName"] == "expiration"


def test_every_bucket_blocks_public_access_is_encrypted_and_refuses_plain_http(prod):
    buckets = _resources(prod, "AWS::S3::Bucket")
    # attachments, pages (and open data), analytics, received mail, certificates
    assert len(buckets) == 5
    for bucket in buckets.values():
        assert bucket["Properties"]["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        assert "BucketEncryption" in bucket["Properties"]
        assert bucket["Properties"]["LifecycleConfiguration"]["Rules"]
    policies = json.dumps(_resources(prod, "AWS::S3::BucketPolicy"))
    assert policies.count('"aws:SecureTransport": "false"') == 5


def test_cloudfront_serves_the_pages_and_sends_api_calls_to_api_gateway(prod):
    [distribution] = _resources(prod, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    api, open311 = config["CacheBehaviors"]
    assert (api["PathPattern"], open311["PathPattern"]) == ("/api/*", "/open311/*")
    assert api["TargetOriginId"] == open311["TargetOriginId"]
    assert {o.get("OriginPath") for o in config["Origins"]} >= {"/v1"}
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    [policy] = _resources(prod, "AWS::CloudFront::ResponseHeadersPolicy").values()
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert "default-src 'self'" in json.dumps(headers["ContentSecurityPolicy"])
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 31536000


def test_cloudfront_serves_the_site_domain_with_its_own_certificate_and_tls_1_2(prod, synthesized):
    [distribution] = _resources(prod, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    assert config["Aliases"] == ["lapor.example"]
    viewer = config["ViewerCertificate"]
    assert viewer["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert viewer["SslSupportMethod"] == "sni-only"
    assert "AcmCertificateArn" in viewer and "CloudFrontDefaultCertificate" not in viewer
    certificate = _template(synthesized, "prod-certificate")
    certificate.has_resource_properties(
        "AWS::CertificateManager::Certificate",
        {"DomainName": "lapor.example", "ValidationMethod": "DNS"},
    )
    manifest = json.loads((synthesized / "manifest.json").read_text())
    environment = manifest["artifacts"]["lapor-prod-certificate"]["environment"]
    assert environment.endswith("/us-east-1")  # the only region CloudFront takes them from


def test_topics_and_dead_letter_queues_are_encrypted_at_rest(prod):
    topics = _resources(prod, "AWS::SNS::Topic")
    assert len(topics) == 2  # mail events, operators' alarms
    keys = _resources(prod, "AWS::KMS::Key")
    for topic in topics.values():
        [key_id] = topic["Properties"]["KmsMasterKeyId"]["Fn::GetAtt"][:1]
        assert key_id in keys
    [key] = keys.values()
    assert key["Properties"]["EnableKeyRotation"] is True
    # SES and CloudWatch alarms must be able to publish to the encrypted topics.
    principals = json.dumps(key["Properties"]["KeyPolicy"])
    assert "ses.amazonaws.com" in principals and "cloudwatch.amazonaws.com" in principals
    for queue in _resources(prod, "AWS::SQS::Queue").values():
        assert queue["Properties"]["SqsManagedSseEnabled"] is True


def test_ses_bounces_and_complaints_reach_the_handler_through_sns(prod):
    prod.resource_count_is("AWS::SES::EmailIdentity", 1)
    prod.has_resource_properties("AWS::SES::ConfigurationSetEventDestination", {
        "EventDestination": Match.object_like({
            "MatchingEventTypes": Match.array_with(["bounce", "complaint"]),
            "SnsDestination": Match.any_value()})})  # fmt: skip
    prod.has_resource_properties("AWS::SNS::Subscription", {"Protocol": "lambda"})


def test_identities_and_secrets(prod):
    prod.has_resource_properties("AWS::SecretsManager::Secret", {
        "Name": "lapor/prod/link-signing",
        "GenerateSecretString": Match.object_like({"GenerateStringKey": "k1"})})  # fmt: skip
    prod.has_resource_properties(
        "AWS::Cognito::UserPool", {"AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True}}
    )
    prod.has_resource_properties("AWS::Cognito::UserPoolGroup", {"GroupName": "admins"})
    prod.resource_count_is("AWS::Cognito::UserPoolClient", 1)


def test_failed_stream_batches_and_sns_deliveries_go_to_dead_letter_queues(prod):
    prod.resource_count_is("AWS::SQS::Queue", 4)
    prod.has_resource_properties("AWS::Lambda::EventSourceMapping", {
        "DestinationConfig": {"OnFailure": Match.any_value()},
        "BisectBatchOnFunctionError": True})  # fmt: skip


def _policies(template: Template) -> list[dict]:
    """Inline policies, and the managed ones CDK adds when a role's inline policy overflows."""
    return [*_resources(template, "AWS::IAM::Policy").values(),
            *_resources(template, "AWS::IAM::ManagedPolicy").values()]  # fmt: skip


def _statements(template: Template) -> list[dict]:
    return [s for policy in _policies(template)
            for s in policy["Properties"]["PolicyDocument"]["Statement"]]  # fmt: skip


def test_no_statement_grants_every_action(prod):
    for statement in _statements(prod):
        actions = (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
        for action in actions:
            assert action != "*" and not action.endswith(":*"), statement
            assert "*" not in action or not action.startswith(DATA_SERVICES), statement


def test_no_data_service_statement_names_every_resource(prod):
    for statement in _statements(prod):
        actions = (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
        if not any(a.startswith(DATA_SERVICES) for a in actions) or set(actions) <= UNSCOPABLE:
            continue
        resources = (
            statement["Resource"]
            if isinstance(statement["Resource"], list)
            else [statement["Resource"]]
        )
        assert "*" not in resources, statement


def test_each_function_has_its_own_role(prod):
    functions = _resources(prod, "AWS::Serverless::Function")
    roles = {json.dumps(f["Properties"]["Role"]) for f in functions.values()}
    assert len(functions) == 9 and len(roles) == 9


def test_every_function_is_traced_and_keeps_logs_for_a_set_time(prod):
    functions = _resources(prod, "AWS::Serverless::Function")
    for function in functions.values():
        assert function["Properties"]["Tracing"] == "Active"
    groups = [g["Properties"] for g in _resources(prod, "AWS::Logs::LogGroup").values()]
    named = [json.dumps(g.get("LogGroupName")) for g in groups if "RetentionInDays" in g]
    for logical_id in functions:
        assert any(f'"Ref": "{logical_id}"' in name for name in named), logical_id


def test_the_api_is_throttled_traced_and_logs_access(prod):
    [api] = _resources(prod, "AWS::Serverless::Api").values()
    properties = api["Properties"]
    assert properties["TracingEnabled"] is True
    assert properties["MethodSettings"][0]["ThrottlingRateLimit"] == 100
    assert "DestinationArn" in properties["AccessLogSetting"]


def test_the_gateways_own_errors_take_the_apps_json_shape(prod):
    [api_id] = _resources(prod, "AWS::Serverless::Api")
    answers = {
        r["Properties"]["ResponseType"]: r["Properties"]
        for r in _resources(prod, "AWS::ApiGateway::GatewayResponse").values()
    }
    assert set(answers) == {
        "MISSING_AUTHENTICATION_TOKEN", "THROTTLED", "DEFAULT_4XX", "DEFAULT_5XX"
    }  # fmt: skip
    for properties in answers.values():
        assert properties["RestApiId"] == {"Ref": api_id}
        assert properties["ResponseParameters"] == {
            "gatewayresponse.header.Content-Type": "'application/json'"
        }
        json.loads(properties["ResponseTemplates"]["application/json"])  # valid JSON, as sent
    codes = {
        kind: (properties.get("StatusCode"), _error_of(properties)["code"])
        for kind, properties in answers.items()
    }
    assert codes["MISSING_AUTHENTICATION_TOKEN"] == ("404", "route_not_found")  # not a 403
    assert codes["THROTTLED"] == ("429", "too_many_requests")
    failure = _error_of(answers["DEFAULT_5XX"])
    assert failure["request_id"] == "$context.requestId"
    assert "$context.requestId" in failure["message"]


def _error_of(gateway_response: dict) -> dict:
    return json.loads(gateway_response["ResponseTemplates"]["application/json"])["error"]


def test_operators_get_a_dashboard_and_alarms_that_notify_them(prod):
    prod.resource_count_is("AWS::CloudWatch::Dashboard", 1)
    alarms = _resources(prod, "AWS::CloudWatch::Alarm")
    described = json.dumps(alarms)
    for what in ("5xx", "level 3", "gave up", "Bounce rate", "dead-letter", "function failed"):
        assert what in described, what
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"], alarm
    prod.has_resource_properties("AWS::SNS::Subscription", {"Protocol": "email"})


def test_cfn_lint_finds_no_error_in_the_templates(synthesized):
    templates = sorted(str(p) for p in synthesized.glob("lapor-*.template.json"))
    result = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), *templates],
                            capture_output=True, text=True, check=False)  # fmt: skip
    # cfn-lint's exit code is a bit field: 2 means errors (4 warnings, 8 informational).
    assert result.returncode & 2 == 0, result.stdout


def test_the_api_may_use_every_table_its_requests_touch(prod):
    """Every table but the bounce list: a table left out is an AccessDenied in production
    that no local test would see (moto does not enforce IAM)."""
    from chalicelib.store.models import ContactModel
    from chalicelib.store.tables import ALL_MODELS

    tables = _resources(prod, "AWS::DynamoDB::Table")
    policies = [
        p for p in _policies(prod)
        if any(r.get("Ref", "").startswith("APIHandlerRole") for r in p["Properties"]["Roles"])
    ]  # fmt: skip
    granted = json.dumps(policies)
    for model in ALL_MODELS:
        if model is ContactModel:
            continue
        suffix = vars(model.Meta)["table_name"].suffix
        [logical_id] = [
            name for name, table in tables.items()
            if table["Properties"]["TableName"] == f"lapor-prod-{suffix}"
        ]  # fmt: skip
        assert logical_id in granted, f"the API cannot use the {suffix} table"


def test_the_sweeper_may_invoke_itself_and_nothing_else(prod):
    functions = _resources(prod, "AWS::Serverless::Function")
    [sweeper] = [name for name in functions if name.startswith("Sweeper")]
    invokes = [s for s in _statements(prod) if s["Action"] == "lambda:InvokeFunction"]
    assert [s["Resource"] for s in invokes] == [{"Fn::GetAtt": [sweeper, "Arn"]}]


def test_the_open_data_export_has_its_parquet_layer_and_writes_only_open_data(prod):
    functions = _resources(prod, "AWS::Serverless::Function")
    [export] = [f for name, f in functions.items() if name.startswith("OpenData")]
    assert len(export["Properties"]["Layers"]) == 1
    [api] = [f for name, f in functions.items() if name.startswith("APIHandler")]
    assert "Layers" not in api["Properties"]  # pyarrow stays out of the API
    writes = [s for s in _statements(prod) if "s3:PutObject" in json.dumps(s["Action"])]
    assert any("open-data/*" in json.dumps(s["Resource"]) for s in writes)


def test_analysts_query_the_compacted_months_through_glue_and_an_athena_workgroup(prod):
    from chalicelib.store.analytics_files import COLUMNS

    [table] = _resources(prod, "AWS::Glue::Table").values()
    table_input = table["Properties"]["TableInput"]
    assert table_input["Name"] == "lapor_events"
    assert table_input["PartitionKeys"] == [{"Name": "month", "Type": "string"}]
    assert table_input["Parameters"]["projection.enabled"] == "true"
    columns = table_input["StorageDescriptor"]["Columns"]
    assert [c["Name"] for c in columns] == list(COLUMNS)  # what the compaction writes
    [workgroup] = _resources(prod, "AWS::Athena::WorkGroup").values()
    configuration = workgroup["Properties"]["WorkGroupConfiguration"]
    assert configuration["EnforceWorkGroupConfiguration"] is True
    assert configuration["BytesScannedCutoffPerQuery"] > 0


def test_whoever_may_text_reporters_may_publish_to_no_topic(prod):
    for policy in _policies(prod):
        statements = policy["Properties"]["PolicyDocument"]["Statement"]
        texts = [s for s in statements if s["Effect"] == "Allow" and s["Resource"] == "*"
                 and "sns:Publish" in json.dumps(s["Action"])]  # fmt: skip
        if texts:
            denied = [
                s for s in statements if s["Effect"] == "Deny" and s["Action"] == "sns:Publish"
            ]
            assert denied and ":sns:" in json.dumps(denied[0]["Resource"]), policy


def test_sms_has_a_monthly_spend_limit_and_alarms(prod):
    calls = [json.dumps(r["Properties"]) for r in _resources(prod, "Custom::AWS").values()]
    assert any("MonthlySpendLimit" in call for call in calls)
    alarms = json.dumps(_resources(prod, "AWS::CloudWatch::Alarm"))
    assert "SMSMonthToDateSpentUSD" in alarms and "SmsFailed" in alarms


def test_mail_to_the_domain_is_scanned_stored_privately_then_handed_to_the_inbound_function(prod):
    [rule] = _resources(prod, "AWS::SES::ReceiptRule").values()
    properties = rule["Properties"]["Rule"]
    assert properties["Recipients"] == ["lapor.example"] and properties["ScanEnabled"] is True
    [store, invoke] = properties["Actions"]
    assert store["S3Action"]["ObjectKeyPrefix"] == "raw/"
    assert invoke["LambdaAction"]["InvocationType"] == "Event"
    [inbound] = [name for name in _resources(prod, "AWS::Serverless::Function")
                 if name.startswith("Inbound")]  # fmt: skip
    assert invoke["LambdaAction"]["FunctionArn"] == {"Fn::GetAtt": [inbound, "Arn"]}
    prod.has_resource_properties("AWS::Lambda::Permission", {
        "Principal": "ses.amazonaws.com", "Action": "lambda:InvokeFunction"})  # fmt: skip


def test_the_inbound_bucket_expires_raw_mail_and_only_ses_may_write_to_it(prod):
    buckets = _resources(prod, "AWS::S3::Bucket")
    [bucket] = [name for name in buckets if name.startswith("InboundMailBucket")]
    rules = buckets[bucket]["Properties"]["LifecycleConfiguration"]["Rules"]
    expiry = {"Prefix": "raw/", "ExpirationInDays": 90, "Status": "Enabled"}
    assert expiry.items() <= rules[0].items()
    [policy] = [p["Properties"]["PolicyDocument"]["Statement"]
                for p in _resources(prod, "AWS::S3::BucketPolicy").values()
                if p["Properties"]["Bucket"] == {"Ref": bucket}]  # fmt: skip
    writers = [s for s in policy if s["Effect"] == "Allow" and "s3:PutObject" in json.dumps(s)]
    assert [s["Principal"] for s in writers] == [{"Service": "ses.amazonaws.com"}]
    assert "aws:Referer" in json.dumps(writers) or "aws:SourceAccount" in json.dumps(writers)


def test_the_inbound_function_reads_only_the_stored_mail_and_sends_nothing_itself(prod):
    policies = [
        p for p in _policies(prod)
        if any(r.get("Ref", "").startswith("InboundRole") for r in p["Properties"]["Roles"])
    ]  # fmt: skip
    granted = json.dumps(policies)
    assert "ses:SendEmail" not in granted and "sns:Publish" not in granted  # answers: the outbox
    assert "/raw/*" in granted and "/incoming/*" in granted


def test_the_rule_set_is_made_active_and_failed_invocations_wait_in_a_queue(prod):
    calls = [json.dumps(r["Properties"]) for r in _resources(prod, "Custom::AWS").values()]
    assert any("setActiveReceiptRuleSet" in call for call in calls)
    prod.has_resource_properties("AWS::Lambda::EventInvokeConfig", {
        "MaximumRetryAttempts": 2,
        "DestinationConfig": {"OnFailure": {"Destination": Match.any_value()}}})  # fmt: skip
