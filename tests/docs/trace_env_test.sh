#!/bin/sh
# RINGPORT_TRACE=<file> traces a program that knows nothing of tracing: the getting-started
# echo client, run against its server, writes a trace-event JSON file (checked with Python's
# json module) holding its connect, send and receive operations, their completions and
# handler runs.
# Usage: trace_env_test.sh SERVER CLIENT
. "$(dirname "$0")/server_lib.sh"
start_server "$1"
RINGPORT_TRACE=$dir/trace.json timeout 30 "$2" 127.0.0.1 "$port" || { echo "FAIL: client"; exit 1; }
python3 - "$dir/trace.json" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))
begins = {e["id"]: e["name"] for e in events if e.get("ph") == "b"}
ends = {e["id"]: e for e in events if e.get("ph") == "e"}
handlers = [e["name"] for e in events if e.get("ph") == "X"]
kinds = sorted(set(begins.values()))
print("operations:", kinds, "completed:", len(ends), "handler runs:", len(handlers))
for k in ("connect", "send", "receive"):
    assert k in kinds, f"no {k} operation in the trace"
    assert k + " handler" in handlers, f"no {k} handler run in the trace"
missing = [i for i in begins if i not in ends]
assert not missing, f"operations without a completion: {missing}"
assert all(e["args"]["error"] == 0 for e in ends.values()), "an operation failed"
print("ok")
PY
