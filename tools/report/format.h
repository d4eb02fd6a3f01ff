/* Numbers and check outcomes as people read them: durations in ms or s,
 * sizes in B, KiB, MiB or GiB, scores and counts as plain numbers, each
 * to three significant digits. */
#ifndef PO_REPORT_FORMAT_H
#define PO_REPORT_FORMAT_H

#include <stddef.h>

#include "report.h"

/* Room for any value, margin or unit these functions write. */
#define PO_FORMAT_SIZE 64

/* Writes `value` in `unit` (one of the stream's units, or NULL for a plain
 * number) into `buf`, which holds PO_FORMAT_SIZE bytes.  Returns `buf`. */
char *po_format_value(char *buf, double value, const char *unit);

/* Writes a value and a limit so that two different numbers never print
 * alike: when rounding would make them equal, both are written exactly,
 * in ms or bytes. */
void po_format_pair(char *value_buf, char *limit_buf, double value,
    double limit, const char *unit);

/* A signed margin: "+700 ms", "-29.8 s", "0 B". */
char *po_format_margin(char *buf, double margin, const char *unit);

/* The relation that held when a check with operator `op` failed: a limit
 * of "<=" fails as ">". */
const char *po_format_negate(const char *op);

/* What a check found, in a phrase: "value 32.3 s > limit 2.5 s" (the
 * relation that held), or "no value (limit <= 2.5 s)".  Returns `buf`. */
char *po_format_outcome(char *buf, size_t size,
    const struct po_report_check *check);

/* How far a check that did not pass is beyond its limit: "29.9 s over"
 * an upper limit, "0.21 under" a lower one, "off by 3" for == and !=.
 * Returns `buf` (PO_FORMAT_SIZE bytes), or NULL when the check has no
 * value or is not beyond its limit. */
char *po_format_beyond(char *buf, const struct po_report_check *check);

/* The counts of a summary in a sentence: "8 checks over 2 subjects:
 * 2 failed, 1 warned, 5 passed; 1 error".  Returns `buf`. */
char *po_format_tally(char *buf, size_t size,
    const struct po_report_summary *summary);

/* The baseline and current values of a regression check, each in its
 * unit or "n/a" (PO_FORMAT_SIZE bytes each).  Both are rounded alike even
 * when that shows them equal: the change beside them tells them apart. */
void po_format_before_after(char *before, char *after,
    const struct po_report_check *check);

/* The change of a regression check against its baseline, signed, with the
 * relative change when there is one: "+300 ms (+14.3%)".  "n/a" when the
 * check gives no change and no baseline to compute it from.  Returns `buf`
 * (PO_FORMAT_SIZE bytes). */
char *po_format_change(char *buf, const struct po_report_check *check);

/* Whether a check met its target: "yes", "yes (warn)" or "no". */
const char *po_format_target(enum po_outcome outcome);

/* How a regression check decided, in a phrase: "Mann-Whitney U,
 * p = 0.012, alpha 0.05, 5 runs before, 5 after", "single sample,
 * alpha 0.05, 3 runs before, 1 after"; empty when the check does not say.
 * Returns `buf`. */
char *po_format_test(char *buf, size_t size,
    const struct po_report_check *check);

/* A history series in a phrase: "2.1 s to 2.4 s (+300 ms) over 5 commits,
 * min 2 s, max 2.6 s; median of up to 3 runs per commit".  Returns
 * `buf`. */
char *po_format_history(char *buf, size_t size,
    const struct po_history_series *series);

#endif
