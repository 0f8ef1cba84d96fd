# Sourced by the corpus test scripts. Sets $corpus, or explains why there is none:
# in CI a missing corpus is a failure, elsewhere the test is skipped (ctest code 77).
corpus="${1:?corpus directory}"
if [ ! -f "$corpus/expected.json" ]; then
  if [ -n "${CI:-}" ]; then
    echo "FAIL: the test corpus is missing at $corpus (it must sit beside the checkout as ../shared/corpus)" >&2
    exit 1
  fi
  echo "SKIP: no test corpus at $corpus (expected ../shared/corpus beside the checkout)"
  exit 77
fi
