"""Mail in: SES receives every address of the mail domain (lapor@ for reports, balas+…@ for
replies), scans it for spam and viruses, stores the raw message in a private bucket and
invokes the inbound function, which decides. The rule set is made active by a custom
resource (CloudFormation cannot): an account has one active rule set per region."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_ses as ses
from aws_cdk import aws_ses_actions as actions
from aws_cdk import aws_sqs as sqs
from aws_cdk import custom_resources as cr
from constructs import Construct

from chalicelib.store.inbound_mail import PREFIX
from infra.buckets import private_bucket

KEEP_RAW_DAYS = 90  # long enough for operators to look into a mail nobody could read


class InboundMail(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, mail_domain: str,
                 removal_policy: RemovalPolicy) -> None:  # fmt: skip
        super().__init__(scope, construct_id)
        self.stage = stage
        self.mail_domain = mail_domain
        self.bucket = private_bucket(
            self, "Bucket", removal_policy=removal_policy,
            lifecycle_rules=[s3.LifecycleRule(prefix=PREFIX, expiration=Duration.days(KEEP_RAW_DAYS))],
        )  # fmt: skip
        self.dead_letters = sqs.Queue(
            self, "DeadLetters", enforce_ssl=True, encryption=sqs.QueueEncryption.SQS_MANAGED,
            retention_period=Duration.days(14))  # fmt: skip

    def receive_with(self, function: lambda_.IFunction, role: iam.IRole) -> None:
        """The rule set that stores each mail and hands it to ``function`` (running as
        ``role``: it may read the stored mail, nothing else of the bucket)."""
        role.add_to_principal_policy(iam.PolicyStatement(
            actions=["s3:GetObject"], resources=[self.bucket.arn_for_objects(f"{PREFIX}*")]))  # fmt: skip
        # SES invokes asynchronously: two retries, then the event waits in a queue.
        lambda_.EventInvokeConfig(
            self, "Retries", function=function, retry_attempts=2,
            max_event_age=Duration.hours(6),
            on_failure=destinations.SqsDestination(self.dead_letters))  # fmt: skip
        rule_set = ses.ReceiptRuleSet(
            self, "Rules", receipt_rule_set_name=f"lapor-{self.stage}-inbound",
            rules=[ses.ReceiptRuleOptions(
                receipt_rule_name=f"lapor-{self.stage}-mail-domain",
                recipients=[self.mail_domain],
                scan_enabled=True,  # the spam and virus verdicts the function reads
                tls_policy=ses.TlsPolicy.OPTIONAL,  # citizens' providers do not all use TLS
                actions=[
                    actions.S3(bucket=self.bucket, object_key_prefix=PREFIX),
                    actions.Lambda(function=function,
                                   invocation_type=actions.LambdaInvocationType.EVENT),
                ],
            )],
        )  # fmt: skip
        activate = cr.AwsSdkCall(
            service="SES", action="setActiveReceiptRuleSet",
            parameters={"RuleSetName": rule_set.receipt_rule_set_name},
            physical_resource_id=cr.PhysicalResourceId.of(f"lapor-{self.stage}-active-rules"))  # fmt: skip
        cr.AwsCustomResource(
            self, "ActiveRuleSet", on_create=activate, on_update=activate,
            on_delete=cr.AwsSdkCall(service="SES", action="setActiveReceiptRuleSet",
                                    parameters={},
                                    physical_resource_id=cr.PhysicalResourceId.of(
                                        f"lapor-{self.stage}-active-rules")),
            policy=cr.AwsCustomResourcePolicy.from_statements([iam.PolicyStatement(
                actions=["ses:SetActiveReceiptRuleSet"], resources=["*"])]),
            install_latest_aws_sdk=False,
        ).node.add_dependency(rule_set)  # fmt: skip
