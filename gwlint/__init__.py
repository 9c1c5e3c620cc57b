"""gwlint: a linter for Chinese official drafts (工作总结, 情况汇报, 自查报告, 活动方案 …)."""

__version__ = "0.1.0"
