"""Analytics past one machine: the bucket the timeline's events land in, the Glue table over
the compacted months (Parquet, partitioned by month, partitions projected rather than
crawled), and the Athena workgroup the analysts' queries run in."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_athena as athena
from aws_cdk import aws_glue as glue
from aws_cdk import aws_s3 as s3
from constructs import Construct

from chalicelib.store.analytics_files import COLUMN_TYPES, EVENTS, RAW
from infra.buckets import private_bucket

_GLUE_TYPES = {"string": "string", "int32": "int", "int64": "bigint"}
SCAN_LIMIT_BYTES = 10 * 1024**3  # a query that would read more than 10 GB is stopped


class Analytics(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str,
                 removal_policy: RemovalPolicy) -> None:  # fmt: skip
        super().__init__(scope, construct_id)
        self.bucket = private_bucket(
            self, "Bucket", removal_policy=removal_policy,
            lifecycle_rules=[
                # The stream's files are compacted on the 1st; kept a month more for a re-run.
                s3.LifecycleRule(prefix=f"{RAW}/", expiration=Duration.days(62)),
                s3.LifecycleRule(prefix="athena-results/", expiration=Duration.days(7)),
            ],
        )  # fmt: skip
        self.database_name = f"lapor_{stage}"
        database = glue.CfnDatabase(
            self, "Database", catalog_id=scope.account,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=self.database_name, description="Lapor: the timeline's events, by month"),
        )  # fmt: skip
        location = f"s3://{self.bucket.bucket_name}/{EVENTS}/"
        table = glue.CfnTable(
            self, "Events", catalog_id=scope.account, database_name=self.database_name,
            table_input=glue.CfnTable.TableInputProperty(
                name="lapor_events", table_type="EXTERNAL_TABLE",
                description="One row per timeline event: its month, agency, province, category, "
                            "type and the counts it added (analytics/sql)",
                partition_keys=[glue.CfnTable.ColumnProperty(name="month", type="string")],
                parameters={
                    "classification": "parquet",
                    "projection.enabled": "true",
                    "projection.month.type": "date",
                    "projection.month.format": "yyyy-MM",
                    "projection.month.range": "2024-01,NOW",
                    "projection.month.interval": "1",
                    "projection.month.interval.unit": "MONTHS",
                    "storage.location.template": location + "month=${month}/",
                },
                storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                    location=location,
                    input_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    output_format="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    serde_info=glue.CfnTable.SerdeInfoProperty(
                        serialization_library=(
                            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")),
                    columns=[glue.CfnTable.ColumnProperty(name=name, type=_GLUE_TYPES[kind])
                             for name, kind in COLUMN_TYPES.items()],
                ),
            ),
        )  # fmt: skip
        table.add_dependency(database)
        self.workgroup_name = f"lapor-{stage}"
        athena.CfnWorkGroup(
            self, "WorkGroup", name=self.workgroup_name, recursive_delete_option=True,
            description="The analysts' queries over the Lapor events (analytics/sql)",
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                bytes_scanned_cutoff_per_query=SCAN_LIMIT_BYTES,
                publish_cloud_watch_metrics_enabled=True,
                result_configuration=athena.CfnWorkGroup.ResultConfigurationProperty(
                    output_location=f"s3://{self.bucket.bucket_name}/athena-results/",
                    encryption_configuration=athena.CfnWorkGroup.EncryptionConfigurationProperty(
                        encryption_option="SSE_S3"),
                ),
            ),
        )  # fmt: skip
