"""One Lapor stage (dev or prod): the Chalice app and everything it needs, safe by default."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack, custom_resources
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_ssm as ssm
from chalice.cdk import Chalice
from constructs import Construct

from chalicelib.api.gateway_responses import GATEWAY_RESPONSES, gateway_body
from infra.analytics import Analytics
from infra.buckets import private_bucket
from infra.bundle import optimize
from infra.inbound_mail import InboundMail
from infra.monitoring import SMS_MONTHLY_LIMIT_USD, Monitoring
from infra.tables import all_tables

ROOT = Path(__file__).resolve().parent.parent
# The app's functions, by the logical id `chalice package` gives them.
FUNCTIONS = ("APIHandler", "Sweeper", "ReferralDigest", "Notifier", "NotifierRetry", "SesEvents",
             "Performance", "OpenData", "Inbound")  # fmt: skip
# Parquet for the open-data export comes from AWS's own layer (AWS SDK for pandas, with
# pyarrow), whose ARN AWS publishes as a public SSM parameter; never in the API's zip.
PANDAS_LAYER_PARAMETER = "/aws/service/aws-sdk-pandas/3.16.1/{region}/py3.11/x86_64/layer-arn"


class _BundledChalice(Chalice):
    """The Chalice construct, shipping the trimmed bundle with bytecode (infra/bundle.py)
    instead of the zip `chalice package` leaves: the construct uploads the file it made."""

    def _package_app(self) -> None:
        super()._package_app()
        optimize(Path(self._sam_package_dir) / "deployment.zip")


class CertificateStack(Stack):
    """The site domain's certificate, in us-east-1 where CloudFront takes certificates from;
    validated by the DNS records ACM lists in the console (README, Deploying)."""

    def __init__(self, scope: Construct, construct_id: str, *, site_domain: str,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(scope, construct_id, **kwargs)
        self.certificate = acm.Certificate(
            self, "Site", domain_name=site_domain,
            validation=acm.CertificateValidation.from_dns())  # fmt: skip


def _sms_settings(scope: Construct) -> None:
    """The account's SMS settings, which CloudFormation has no resource for: transactional
    by default, sent as LAPOR where allowed, and a monthly spend limit (an alarm watches it)."""
    attributes = {"MonthlySpendLimit": str(SMS_MONTHLY_LIMIT_USD), "DefaultSenderID": "LAPOR",
                  "DefaultSMSType": "Transactional"}  # fmt: skip
    call = custom_resources.AwsSdkCall(
        service="SNS", action="setSMSAttributes", parameters={"attributes": attributes},
        physical_resource_id=custom_resources.PhysicalResourceId.of("lapor-sms-settings"))  # fmt: skip
    custom_resources.AwsCustomResource(
        scope, "SmsSettings", on_create=call, on_update=call,
        policy=custom_resources.AwsCustomResourcePolicy.from_statements([iam.PolicyStatement(
            actions=["sns:SetSMSAttributes"], resources=["*"])]),
        install_latest_aws_sdk=False)  # fmt: skip


class LaporStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        site_domain: str,
        mail_domain: str,
        admin_emails: str,
        operator_email: str,
        certificate: acm.ICertificate,
        pandas_layer_arn: str = "",
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        production = stage == "prod"
        keep = RemovalPolicy.RETAIN if production else RemovalPolicy.DESTROY
        retention = logs.RetentionDays.ONE_YEAR if production else logs.RetentionDays.ONE_MONTH
        self.tables = all_tables(self, stage)

        attachments = private_bucket(
            self, "Attachments",
            versioned=production,
            removal_policy=keep,
            cors=[s3.CorsRule(allowed_methods=[s3.HttpMethods.POST],
                              allowed_origins=[f"https://{site_domain}"], allowed_headers=["*"])],
            lifecycle_rules=[
                s3.LifecycleRule(abort_incomplete_multipart_upload_after=Duration.days(1)),
                s3.LifecycleRule(prefix="incoming/", transitions=[s3.Transition(
                    storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                    transition_after=Duration.days(90))]),
            ],
        )  # fmt: skip
        site = private_bucket(
            self, "Site",
            removal_policy=keep,
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(30))],
        )  # fmt: skip
        # e-Learning certificates' PDFs: made by the notifier for the certificate's mail, kept
        # (versioned in production) so that a lost mail can be sent again.
        certificates = private_bucket(
            self, "Certificates", versioned=production, removal_policy=keep,
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(90))],
        )  # fmt: skip
        link_secret = secretsmanager.Secret(
            self, "LinkSigningKeys",
            secret_name=f"lapor/{stage}/link-signing",
            description="HMAC keys for agency links and citizen tokens: current key id + keys",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template='{"current": "k1"}', generate_string_key="k1",
                password_length=64, exclude_punctuation=True),
            removal_policy=keep,
        )  # fmt: skip
        pool = cognito.UserPool(
            self, "Admins",
            user_pool_name=f"lapor-{stage}-admins",
            self_sign_up_enabled=False,
            sign_in_aliases=cognito.SignInAliases(username=True, email=True),
            password_policy=cognito.PasswordPolicy(min_length=12, require_digits=True,
                require_lowercase=True, require_uppercase=True, require_symbols=True),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            removal_policy=keep,
        )  # fmt: skip
        desk_client = pool.add_client(
            "AdminDesk", auth_flows=cognito.AuthFlow(user_password=True, user_srp=True),
            generate_secret=False, prevent_user_existence_errors=True,
            id_token_validity=Duration.hours(1), access_token_validity=Duration.hours(1))  # fmt: skip
        cognito.CfnUserPoolGroup(
            self,
            "AdminsGroup",
            user_pool_id=pool.user_pool_id,
            group_name="admins",
            description="National admins (verifiers)",
        )

        ses.EmailIdentity(self, "MailDomain", identity=ses.Identity.domain(mail_domain))
        # The topics carry addresses (bounces) and alarms: encrypted at rest with a key of our
        # own, since the AWS-managed SNS key cannot let SES and CloudWatch publish.
        self.topic_key = kms.Key(
            self, "TopicKey", enable_key_rotation=True, removal_policy=keep,
            description=f"Lapor {stage}: SNS topics (mail events, operators' alarms)")  # fmt: skip
        for service in ("ses.amazonaws.com", "cloudwatch.amazonaws.com"):
            self.topic_key.add_to_resource_policy(iam.PolicyStatement(
                principals=[iam.ServicePrincipal(service)],
                actions=["kms:GenerateDataKey*", "kms:Decrypt"], resources=["*"]))  # fmt: skip
        mail_events = sns.Topic(self, "MailEvents", enforce_ssl=True, master_key=self.topic_key)
        configuration_set = ses.ConfigurationSet(
            self, "MailConfiguration", configuration_set_name=f"lapor-{stage}-mail"
        )
        configuration_set.add_event_destination(
            "BouncesAndComplaints", destination=ses.EventDestination.sns_topic(mail_events),
            events=[ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT])  # fmt: skip

        dead_letters = {
            name: sqs.Queue(self, f"{name}DeadLetters", enforce_ssl=True,
                            encryption=sqs.QueueEncryption.SQS_MANAGED,
                            retention_period=Duration.days(14))
            for name in ("Notifier", "SesEvents", "Performance")
        }  # fmt: skip
        inbound = InboundMail(self, "InboundMail", stage=stage, mail_domain=mail_domain,
                              removal_policy=keep)  # fmt: skip
        roles = {name: self._role(name) for name in FUNCTIONS}
        self._grant(roles, attachments, link_secret, mail_domain, configuration_set, dead_letters)
        _sms_settings(self)
        for function in ("Notifier", "NotifierRetry"):
            roles[function].add_to_policy(iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=[certificates.arn_for_objects("certificates/*")]))  # fmt: skip
        analytics = Analytics(self, "Analytics", stage=stage, removal_policy=keep)
        # The stream's events as they come; on the 1st, last month compacted.
        roles["Performance"].add_to_policy(
            iam.PolicyStatement(
                actions=["s3:PutObject"],
                resources=[analytics.bucket.arn_for_objects("analytics/raw/*")],
            )
        )
        roles["OpenData"].add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                resources=[analytics.bucket.arn_for_objects("analytics/raw/*")],
            )
        )
        roles["OpenData"].add_to_policy(
            iam.PolicyStatement(
                actions=["s3:ListBucket"],
                resources=[analytics.bucket.bucket_arn],
                conditions={"StringLike": {"s3:prefix": ["analytics/raw/*"]}},
            )
        )
        roles["OpenData"].add_to_policy(iam.PolicyStatement(
            actions=["s3:PutObject"], resources=[analytics.bucket.arn_for_objects("analytics/events/*")]))  # fmt: skip
        roles["OpenData"].add_to_policy(iam.PolicyStatement(  # the monthly files, and their index
            actions=["s3:PutObject", "s3:GetObject"], resources=[site.arn_for_objects("open-data/*")]))  # fmt: skip

        chalice = _BundledChalice(
            self, "App", source_dir=str(ROOT),
            stage_config={
                "api_gateway_stage": "v1",
                "manage_iam_role": False,
                "iam_role_arn": roles["APIHandler"].role_arn,
                "xray": True,
                "environment_variables": {
                    "LAPOR_STAGE": stage,
                    "LAPOR_PUBLIC_BASE_URL": f"https://{site_domain}",
                    "LAPOR_ATTACHMENTS_BUCKET": attachments.bucket_name,
                    "LAPOR_OPEN_DATA_BUCKET": site.bucket_name,
                    "LAPOR_ANALYTICS_BUCKET": analytics.bucket.bucket_name,
                    "LAPOR_INBOUND_BUCKET": inbound.bucket.bucket_name,
                    "LAPOR_CERTIFICATES_BUCKET": certificates.bucket_name,
                    "LAPOR_COGNITO_POOL_ID": pool.user_pool_id,
                    "LAPOR_COGNITO_CLIENT_ID": desk_client.user_pool_client_id,
                    "LAPOR_MAIL_FROM": f"Lapor <no-reply@{mail_domain}>",
                    "LAPOR_SES_CONFIGURATION_SET": configuration_set.configuration_set_name,
                    "LAPOR_ADMIN_EMAILS": admin_emails,
                    "POWERTOOLS_SERVICE_NAME": "lapor",
                    "POWERTOOLS_METRICS_NAMESPACE": "Lapor",
                },
                "lambda_functions": {
                    "open_data": {"lambda_timeout": 900, "lambda_memory_size": 1024},
                    # A mail may be 40 MB; parsing it wants memory, and time on a cold start.
                    "inbound": {"lambda_timeout": 120, "lambda_memory_size": 1024},
                },
            },
        )  # fmt: skip
        chalice.get_resource("OpenData").add_property_override("Layers", [
            pandas_layer_arn or ssm.StringParameter.value_for_string_parameter(
                self, PANDAS_LAYER_PARAMETER.format(region=self.region))])  # fmt: skip
        for name, role in roles.items():
            function = chalice.get_resource(name)
            function.add_property_override("Role", role.role_arn)
            # Made here rather than by Chalice, whose API handler log group names the
            # function wrongly (ApiHandler for APIHandler) when given a retention.
            logs.LogGroup(
                self,
                f"{name}Logs",
                log_group_name=f"/aws/lambda/{function.ref}",
                retention=retention,
                removal_policy=keep,
            )

        # The sweeper fans out to itself, one invocation per shard, and continues a shard it
        # could not finish in a fresh invocation (jobs/sweep_fanout.py).
        roles["Sweeper"].add_to_policy(iam.PolicyStatement(
            actions=["lambda:InvokeFunction"],
            resources=[chalice.get_resource("Sweeper").get_att("Arn").to_string()]))  # fmt: skip
        # New outbox items are sent at once; the timeline's new events are added to the
        # monthly figures. A failed batch is retried (the outbox's claims and the figures'
        # markers make that harmless), then split, then parked in its dead-letter queue.
        self._on_new_items(chalice, "Notifier", roles["Notifier"], self.tables["OutboxModel"],
                           dead_letters["Notifier"], batch_size=25, retries=5,
                           start=lambda_.StartingPosition.LATEST)  # fmt: skip
        self._on_new_items(chalice, "Performance", roles["Performance"], self.tables["EventModel"],
                           dead_letters["Performance"], batch_size=100, retries=10,
                           start=lambda_.StartingPosition.TRIM_HORIZON)  # fmt: skip
        inbound.receive_with(self._function(chalice, "Inbound", roles["Inbound"]),
                             roles["Inbound"])  # fmt: skip
        mail_events.add_subscription(
            subscriptions.LambdaSubscription(
                self._function(chalice, "SesEvents", roles["SesEvents"]),
                dead_letter_queue=dead_letters["SesEvents"],
            )
        )

        api = chalice.get_resource("RestAPI")
        access_logs = logs.LogGroup(self, "ApiAccessLogs", retention=retention, removal_policy=keep)
        api.add_property_override("TracingEnabled", True)
        api.add_property_override(
            "MethodSettings",
            [
                {
                    "ResourcePath": "/*",
                    "HttpMethod": "*",
                    "MetricsEnabled": True,
                    "ThrottlingBurstLimit": 200,
                    "ThrottlingRateLimit": 100,
                }
            ],
        )
        api.add_property_override("AccessLogSetting", {
            "DestinationArn": access_logs.log_group_arn,
            "Format": '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",'
                      '"method":"$context.httpMethod","path":"$context.resourcePath",'
                      '"status":"$context.status","latency":"$context.responseLatency"}'})  # fmt: skip
        for answer in GATEWAY_RESPONSES:  # the gateway's own errors in the app's shape
            apigateway.CfnGatewayResponse(
                self, f"Gateway{answer.response_type.title().replace('_', '')}",
                rest_api_id=api.ref, response_type=answer.response_type,
                status_code=str(answer.status) if answer.status else None,
                response_templates={"application/json": gateway_body(answer.code)},
                response_parameters={"gatewayresponse.header.Content-Type": "'application/json'"},
            )  # fmt: skip
        api_domain = f"{api.ref}.execute-api.{self.region}.{self.url_suffix}"
        self.distribution = self._distribution(
            site, attachments, api_domain, site_domain, certificate
        )

        for name, value in {
            "SiteUrl": f"https://{self.distribution.distribution_domain_name}",
            "SiteBucket": site.bucket_name,
            "AttachmentsBucket": attachments.bucket_name,
            "UserPoolId": pool.user_pool_id,
            "UserPoolClientId": desk_client.user_pool_client_id,
        }.items():
            CfnOutput(self, name, value=value)

        Monitoring(
            self, "Monitoring", stage=stage, operator_email=operator_email,
            api_name="lapor", functions={name: chalice.get_resource(name).ref for name in FUNCTIONS},
            dead_letters=[*dead_letters.values(), inbound.dead_letters], topic_key=self.topic_key,
        )  # fmt: skip

    def _role(self, name: str) -> iam.Role:
        return iam.Role(
            self, f"{name}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name(
                    "service-role/AWSLambdaBasicExecutionRole"),
                iam.ManagedPolicy.from_aws_managed_policy_name("AWSXRayDaemonWriteAccess"),
            ],
        )  # fmt: skip

    def _grant(
        self,
        roles: dict[str, iam.Role],
        attachments: s3.Bucket,
        link_secret: secretsmanager.Secret,
        mail_domain: str,
        configuration_set: ses.ConfigurationSet,
        dead_letters: dict[str, sqs.Queue],
    ) -> None:
        """Least privilege: each function gets exactly the tables and actions it uses."""
        tables = self.tables
        uses = {
            "APIHandler": ("ReportModel", "EventModel", "ReferenceModel", "IdempotencyModel",
                           "OutboxModel", "UploadModel", "SearchEntryModel", "DraftModel",
                           "ApiKeyModel", "LearnerModel", "AttemptModel", "CertificateModel",
                           "PracticeModel"),
            # Files a mailed report, adds a reply to its report, keeps a desk's draft.
            "Inbound": ("ReportModel", "EventModel", "ReferenceModel", "IdempotencyModel",
                        "OutboxModel", "UploadModel", "SearchEntryModel", "DraftModel"),
            # The sweep's steps (escalate, end a hold, close) never show or hide a report, so
            # never touch the search index.
            "Sweeper": ("ReportModel", "EventModel", "ReferenceModel", "OutboxModel"),
            "ReferralDigest": ("OutboxModel",),
            # A certificate's mail: the notifier reads the certificate to make its PDF.
            "Notifier": ("OutboxModel", "ContactModel", "ReferenceModel", "CertificateModel"),
            "NotifierRetry": ("OutboxModel", "ContactModel", "ReferenceModel",
                              "CertificateModel"),
            "SesEvents": ("OutboxModel", "ContactModel"),
            "Performance": ("PerformanceModel",),
            "OpenData": ("ReportModel", "ReferenceModel"),
        }  # fmt: skip
        for function, models in uses.items():
            for model in models:
                tables[model].grant_read_write_data(roles[function])
        tables["PerformanceModel"].grant_read_data(roles["APIHandler"])  # /api/stats reads it
        for function in ("APIHandler", "Sweeper", "Inbound"):
            link_secret.grant_read(roles[function])
        # Signing upload forms and download links, and checking that an upload exists.
        roles["APIHandler"].add_to_policy(iam.PolicyStatement(
            actions=["s3:PutObject", "s3:GetObject"],
            resources=[attachments.arn_for_objects("incoming/*")]))  # fmt: skip
        # A mail's images and PDFs, kept beside the uploads.
        roles["Inbound"].add_to_policy(iam.PolicyStatement(
            actions=["s3:PutObject"], resources=[attachments.arn_for_objects("incoming/*")]))  # fmt: skip
        send = iam.PolicyStatement(
            actions=["ses:SendEmail", "ses:SendRawEmail"],  # raw: a mail with a PDF
            resources=[
                self.format_arn(service="ses", resource="identity", resource_name=mail_domain),
                self.format_arn(service="ses", resource="configuration-set",
                                resource_name=configuration_set.configuration_set_name),
            ],
        )  # fmt: skip
        # SMS to a phone number names no resource, so Publish is allowed on "*" and denied on
        # every topic: the notifiers may text reporters and publish nowhere else.
        texts = iam.PolicyStatement(
            actions=["sns:Publish", "sns:CheckIfPhoneNumberIsOptedOut"], resources=["*"]
        )
        no_topics = iam.PolicyStatement(
            effect=iam.Effect.DENY, actions=["sns:Publish"],
            resources=[self.format_arn(service="sns", resource="*")])  # fmt: skip
        for function in ("Notifier", "NotifierRetry"):
            roles[function].add_to_policy(send)
            roles[function].add_to_policy(texts)
            roles[function].add_to_policy(no_topics)
        for function in ("Notifier", "Performance"):
            dead_letters[function].grant_send_messages(roles[function])

    def _on_new_items(
        self, chalice: Chalice, name: str, role: iam.Role, table: dynamodb.ITable,
        dead_letters: sqs.Queue, *, batch_size: int, retries: int,
        start: lambda_.StartingPosition,
    ) -> None:  # fmt: skip
        """``name`` runs on each batch of the items ``table``'s stream reports as new."""
        self._function(chalice, name, role).add_event_source(sources.DynamoEventSource(
            table, starting_position=start, batch_size=batch_size, bisect_batch_on_error=True,
            retry_attempts=retries, on_failure=sources.SqsDlq(dead_letters),
            filters=[lambda_.FilterCriteria.filter({"eventName": lambda_.FilterRule.is_equal("INSERT")})],
        ))  # fmt: skip

    def _function(self, chalice: Chalice, name: str, role: iam.Role) -> lambda_.IFunction:
        return lambda_.Function.from_function_attributes(
            self, f"{name}Function", function_arn=chalice.get_resource(name).get_att("Arn").to_string(),
            role=role, same_environment=True)  # fmt: skip

    def _distribution(
        self,
        site: s3.Bucket,
        attachments: s3.Bucket,
        api_domain: str,
        site_domain: str,
        certificate: acm.ICertificate,
    ) -> cloudfront.Distribution:
        headers = cloudfront.ResponseHeadersPolicy(
            self, "SecurityHeaders",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=(
                        "default-src 'self'; "
                        f"img-src 'self' data: blob: https://{attachments.bucket_regional_domain_name}; "
                        "style-src 'self'; script-src 'self'; "
                        f"connect-src 'self' https://{attachments.bucket_regional_domain_name} "
                        f"https://cognito-idp.{self.region}.amazonaws.com; "
                        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"),
                    override=True),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(365), include_subdomains=True,
                    preload=True, override=True),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True),
            ),
        )  # fmt: skip
        api = cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(api_domain, origin_path="/v1"),
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            response_headers_policy=headers,
        )  # fmt: skip
        return cloudfront.Distribution(
            self, "Web",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(site),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=headers),
            additional_behaviors={"/api/*": api, "/open311/*": api},  # GeoReport clients too
            domain_names=[site_domain],
            certificate=certificate,
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        )  # fmt: skip
