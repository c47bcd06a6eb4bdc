#!/usr/bin/env python3
"""Writes the complete programs of a Markdown page to files: every ```cpp block whose first
line is `// file: NAME` becomes OUT_DIR/NAME. Prints the names, one per line (for CMake).
Usage: extract_code.py PAGE.md OUT_DIR"""
import pathlib
import re
import sys

page, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
names = []
for block in re.findall(r"^```cpp\n(.*?)^```$", page.read_text(), re.S | re.M):
    first = block.split("\n", 1)[0]
    m = re.match(r"// file: (\S+)$", first)
    if not m:
        continue
    target = out / m.group(1)
    text = f"// Extracted from {page.name}: edit the page, not this file.\n" + block
    if not target.exists() or target.read_text() != text:
        target.write_text(text)
    names.append(m.group(1))
if not names:
    sys.exit(f"{page}: no ```cpp block starts with '// file: NAME'")
print(";".join(names))
