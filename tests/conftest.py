import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile("default", deadline=None, print_blob=True)
settings.register_profile(
    "ci",
    deadline=None,
    print_blob=True,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)
# ``make mutate`` (tests/fuzz/mutate.py): a mutant is killed by the first failing example, so
# nothing is shrunk, and the draws are derandomized so two runs over one mutant agree.
settings.register_profile(
    "mutate",
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("CASEREVIEW_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)
