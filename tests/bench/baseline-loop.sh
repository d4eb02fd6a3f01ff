#!/bin/sh
# What a user would write to find the nearest baseline without po-baseline:
# walk the first parents of HEAD and ask git for the note of each commit
# until one has one.  Usage: baseline-loop.sh [NOTES-REF]
for c in $(git rev-list --first-parent HEAD); do
	git notes --ref "${1:-po}" show "$c" 2>/dev/null && exit 0
done
exit 1
