#!/usr/bin/env bash
# Runs every fault script in turn (about seven minutes on two cores) and lists which held.
#
#   scripts/faults/all.sh
cd "$(dirname "$0")"
failed=0
results=()
for script in kill9-under-load.sh connections-terminated.sh table-lock.sh slow-uploads.sh burst-two-instances.sh; do
    if ./"$script"; then
        results+=("held    $script")
    else
        results+=("BROKEN  $script")
        failed=1
    fi
    echo
done
printf '%s\n' "${results[@]}"
exit "$failed"
