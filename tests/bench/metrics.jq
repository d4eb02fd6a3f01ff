# make bench: what po-lighthouse-parse reads for a report's metrics document,
# written as a user would write it with jq: the category scores, the metric
# audits' numericValue, the number of network requests and the rows of
# resource-summary.
[
  (.categories | to_entries[] | .value.score),
  (.audits | (
    .["first-contentful-paint"], .["largest-contentful-paint"],
    .["cumulative-layout-shift"], .["total-blocking-time"],
    .["speed-index"], .["interactive"], .["max-potential-fid"],
    .["server-response-time"], .["total-byte-weight"], .["dom-size"],
    .["mainthread-work-breakdown"], .["bootup-time"]
  ) | .numericValue?),
  (.audits["network-requests"].details.items | length),
  (.audits["resource-summary"].details.items[]? |
    .resourceType, .requestCount, .transferSize)
]
