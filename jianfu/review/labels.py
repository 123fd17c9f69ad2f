"""Names of the document review's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "review.finding.add": "补充审查意见",
    "review.finding.dismiss": "排除审查意见",
    "review.finding.restore": "恢复审查意见",
}
