-- Follow-up by agency: the reports each agency verified-and-routed, followed up, and followed
-- up on time (against the deadline the stage started with), for the months from ? to ?
-- (YYYY-MM). Runs unchanged on DuckDB over the local files and on Athena over the Glue table.
SELECT
    agency,
    SUM(verified) AS verified,
    SUM(followed_up) AS followed_up,
    SUM(followed_up_on_time) AS followed_up_on_time,
    CASE WHEN SUM(verified) = 0 THEN NULL
         ELSE LEAST(1.0, CAST(SUM(followed_up) AS DOUBLE) / SUM(verified)) END AS follow_up_rate,
    CASE WHEN SUM(followed_up) = 0 THEN NULL
         ELSE CAST(SUM(followed_up_on_time) AS DOUBLE) / SUM(followed_up) END AS on_time_rate
FROM lapor_events
WHERE month BETWEEN ? AND ?
GROUP BY agency
ORDER BY agency
