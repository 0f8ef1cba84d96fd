# Sourced by the flashrom end-to-end tests. Sets $flashrom, or explains why there is none:
# in CI a missing flashrom is a failure, elsewhere the test is skipped (ctest code 77).
flashrom="$(command -v flashrom || true)"
[ -n "$flashrom" ] || { [ -x /usr/sbin/flashrom ] && flashrom=/usr/sbin/flashrom; }
if [ -z "$flashrom" ]; then
  if [ -n "${CI:-}" ]; then echo "FAIL: flashrom is not installed (scripts/setup installs it)" >&2; exit 1; fi
  echo "SKIP: flashrom is not installed (scripts/setup installs it)"; exit 77
fi
