#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (the repo's .clang-format) would make.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.hpp' '*.cpp' '*.h')
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "clang-format would change:"
  printf '  %s\n' "${bad[@]}"
  echo "fix with: clang-format -i <files>"
  exit 1
fi
echo "format: ${#files[@]} files clean"
