"""The analysts' queries: SQL files that run unchanged on DuckDB, over the compacted event
files copied from the analytics bucket (the default, on one machine), and on Athena, over the
Glue table the stack defines on the same files. Never part of a Lambda bundle."""
