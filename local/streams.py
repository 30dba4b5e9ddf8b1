"""What Lambda's event source mapping does in AWS, for the dev runner and the tests: read a
table's DynamoDB stream (moto's) from where it was left, and hand the records on in the shape
a stream-triggered function receives."""

from __future__ import annotations

import os
from typing import Any

import boto3


class StreamReader:
    def __init__(self, table_name: str) -> None:
        region = os.environ["AWS_DEFAULT_REGION"]
        self.stream_arn = boto3.client("dynamodb").describe_table(TableName=table_name)["Table"][
            "LatestStreamArn"
        ]
        # moto answers the streams API only at the streams host (or its own server's address).
        endpoint = (
            os.environ.get("AWS_ENDPOINT_URL") or f"https://streams.dynamodb.{region}.amazonaws.com"
        )
        self.streams = boto3.client("dynamodbstreams", endpoint_url=endpoint)
        self.iterators: dict[str, str | None] = {}

    def read(self) -> list[dict[str, Any]]:
        """Every record written since the last read, oldest first."""
        shards = self.streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]
        for shard in shards["Shards"]:
            if shard["ShardId"] not in self.iterators:
                self.iterators[shard["ShardId"]] = self.streams.get_shard_iterator(
                    StreamArn=self.stream_arn,
                    ShardId=shard["ShardId"],
                    ShardIteratorType="TRIM_HORIZON",
                )["ShardIterator"]
        records: list[dict[str, Any]] = []
        for shard_id, iterator in self.iterators.items():
            if iterator is None:
                continue
            answer = self.streams.get_records(ShardIterator=iterator)
            records += answer["Records"]
            self.iterators[shard_id] = answer.get("NextShardIterator")
        return records
