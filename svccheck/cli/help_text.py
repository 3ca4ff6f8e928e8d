"""The order of commands in ``svccheck --help`` and the examples that end every command's help.

Plain data, imported at start-up by :mod:`svccheck.cli.app` (no other imports).
"""

# `svccheck --help` lists the commands in the order a new user needs them, audit first.
COMMAND_ORDER = ("audit", "template", "score", "diff", "trend", "combine", "plan", "convert",
                 "validate", "schema", "completion")  # fmt: skip

# Two or three examples end every command's help (as its epilog).
EXAMPLES = {
    "audit": ("svccheck audit", "svccheck audit -r service-culture --unit Hamburg --period 2026-Q4",
              "svccheck audit --from nordwind-reisen-hamburg-2026-Q3.yaml"),
    "template": ("svccheck template service-culture -o q4.yaml",
                 "svccheck template service-culture -o q4.xlsx",
                 "svccheck template world-class-practices --from acme-q3.yaml -o acme-q4.yaml"),
    "score": ("svccheck score q4.yaml --all -o agenda.md",
              "svccheck score q4.yaml --importance customer-survey-2026.yaml -o q4.html",
              "svccheck score q4.yaml -f json --fail-under 60%"),
    "diff": ("svccheck diff q3.yaml q4.yaml", "svccheck diff q3.yaml q4.yaml --all -o changes.md",
             "svccheck diff q3.yaml q4.yaml --fail-on-decline 5"),
    "trend": ("svccheck trend audits/*.yaml", "svccheck trend audits/*.yaml -o trend.csv"),
    "combine": ("svccheck combine units-2026-Q3/*.yaml",
                "svccheck combine q3-*.yaml --by assessor -o q3.md"),
    "plan": ("svccheck plan acme-2026-Q3.yaml -o acme-plan.yaml",
             "svccheck plan acme-2026-Q3.yaml --target-level World-class -f markdown > plan.md",
             "svccheck score acme-2026-Q4.yaml --plan acme-plan.yaml"),
    "convert": ("svccheck convert q4.yaml -o q4.xlsx", "svccheck convert q4.xlsx -o q4.yaml"),
    "validate": ("svccheck validate q4.yaml", "svccheck validate audits/*.yaml my-rubric.yaml",
                 "svccheck validate customer-survey-2026.yaml"),
    "schema": ("svccheck schema audit --rubric service-culture > service-culture.schema.json",
               "svccheck schema rubric > rubric.schema.json",
               "svccheck schema importance -r customer-expectations > importance.schema.json"),
    "completion": ("source <(svccheck completion bash)",
                   "svccheck completion fish > ~/.config/fish/completions/svccheck.fish"),
    "rubrics": ("svccheck rubrics", "svccheck rubrics show service-culture",
                "svccheck rubrics show service-culture empowerment"),
}  # fmt: skip


def epilog(name: str) -> str:
    """The examples of command ``name``; Rich help keeps paragraphs, so one per example."""
    return "Examples:\n\n" + "\n\n".join(f"  {example}" for example in EXAMPLES[name])
