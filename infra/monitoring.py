"""What operators watch in the console: one dashboard and the alarms that page them."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

DAY = Duration.days(1)
FIVE_MINUTES = Duration.minutes(5)


SMS_MONTHLY_LIMIT_USD = 200  # SNS stops sending SMS for the month past it


def _lapor(name: str, period: Duration = DAY) -> cloudwatch.Metric:
    """A business metric the app emits (EMF, namespace Lapor, dimension service)."""
    return cloudwatch.Metric(namespace="Lapor", metric_name=name, dimensions_map={"service": "lapor"},
                             statistic="Sum", period=period)  # fmt: skip


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        operator_email: str,
        api_name: str,
        functions: dict[str, str],
        dead_letters: list[sqs.Queue],
        topic_key: kms.IKey,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Operators", display_name=f"Lapor {stage} alarms",
                               enforce_ssl=True, master_key=topic_key)  # fmt: skip
        self.topic.add_subscription(subscriptions.EmailSubscription(operator_email))
        notify = actions.SnsAction(self.topic)
        api = {"ApiName": api_name, "Stage": "v1"}

        def api_metric(name: str, statistic: str = "Sum") -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace="AWS/ApiGateway",
                metric_name=name,
                dimensions_map=api,
                statistic=statistic,
                period=FIVE_MINUTES,
            )

        def lambda_metric(function: str, name: str, statistic: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace="AWS/Lambda",
                metric_name=name,
                statistic=statistic,
                dimensions_map={"FunctionName": function},
                period=FIVE_MINUTES,
            )

        follow_up_rate = cloudwatch.MathExpression(
            expression="100 * followed / MAX([received, 1])", label="Follow-up rate (%)",
            using_metrics={"followed": _lapor("ReportsFollowedUp"), "received": _lapor("ReportsReceived")},
            period=DAY)  # fmt: skip
        error_rate = cloudwatch.MathExpression(
            expression="100 * errors / MAX([requests, 1])", label="API 5xx (%)",
            using_metrics={"errors": api_metric("5XXError"), "requests": api_metric("Count")},
            period=FIVE_MINUTES)  # fmt: skip

        dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=f"lapor-{stage}")
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Reports", left=[
                _lapor("ReportsReceived"), _lapor("ReportsRouted"), _lapor("ReportsFollowedUp")]),
            cloudwatch.GraphWidget(title="Overdue backlog by level", left=[
                _lapor("OverdueLevel1"), _lapor("OverdueLevel2"), _lapor("OverdueLevel3")]),
            cloudwatch.GraphWidget(title="Follow-up rate", left=[follow_up_rate]),
        )  # fmt: skip
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Email and SMS", left=[
                _lapor("EmailsSent", FIVE_MINUTES), _lapor("EmailsFailed", FIVE_MINUTES),
                _lapor("EmailsParked", FIVE_MINUTES), _lapor("SmsSent", FIVE_MINUTES),
                _lapor("SmsFailed", FIVE_MINUTES), _lapor("SmsOptedOut", FIVE_MINUTES)]),
            cloudwatch.GraphWidget(title="API requests and errors", left=[
                api_metric("Count"), api_metric("4XXError"), api_metric("5XXError")]),
            cloudwatch.GraphWidget(title="API latency (p90)", left=[api_metric("Latency", "p90")]),
        )  # fmt: skip
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Lambda errors", left=[
                lambda_metric(ref, "Errors", "Sum") for ref in functions.values()]),
            cloudwatch.GraphWidget(title="Lambda duration (p90)", left=[
                lambda_metric(ref, "Duration", "p90") for ref in functions.values()]),
        )  # fmt: skip

        alarms = [
            error_rate.create_alarm(self, "Api5xxRate", threshold=1, evaluation_periods=3,
                alarm_description="More than 1% of API requests failed with a 5xx.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
            _lapor("OverdueLevel3").create_alarm(self, "OmbudsmanBacklog", threshold=10,
                evaluation_periods=1, alarm_description="More than 10 reports reached level 3 today.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
            _lapor("EmailsParked", FIVE_MINUTES).create_alarm(self, "EmailsParked", threshold=0,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=1, alarm_description="Mail gave up after every retry.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
            _lapor("SmsFailed", FIVE_MINUTES).create_alarm(self, "SmsFailing", threshold=5,
                evaluation_periods=1, alarm_description="SNS refused more than 5 SMS in 5 minutes "
                "(spend limit reached, a country blocked, or throttling).",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
            cloudwatch.Metric(namespace="AWS/SNS", metric_name="SMSMonthToDateSpentUSD",
                statistic="Maximum", period=Duration.hours(6)).create_alarm(
                self, "SmsSpend", threshold=SMS_MONTHLY_LIMIT_USD * 0.8, evaluation_periods=1,
                alarm_description="SMS spending passed 80% of the monthly limit.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
            cloudwatch.Metric(namespace="AWS/SES", metric_name="Reputation.BounceRate",
                statistic="Maximum", period=Duration.hours(1)).create_alarm(
                self, "SesBounceRate", threshold=0.05, evaluation_periods=1,
                alarm_description="Bounce rate above 5%: SES may pause sending.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING),
        ]  # fmt: skip
        for name, ref in functions.items():
            alarms.append(lambda_metric(ref, "Errors", "Sum").create_alarm(
                self, f"{name}Errors", threshold=0, evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                alarm_description=f"The {name} function failed.",
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING))  # fmt: skip
        for queue in dead_letters:
            alarms.append(queue.metric_approximate_number_of_messages_visible(
                period=FIVE_MINUTES).create_alarm(
                self, f"{queue.node.id}Waiting", threshold=0, evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                alarm_description="A message is waiting in a dead-letter queue."))  # fmt: skip
        for alarm in alarms:
            alarm.add_alarm_action(notify)
