/* A series of the history in one line of characters, one per commit, its
 * height the value's place between the series' least and greatest:
 * U+2581 to U+2588 (lower one eighth block to full block), or ASCII where
 * the locale cannot show them. */
#ifndef PO_REPORT_SPARKLINE_H
#define PO_REPORT_SPARKLINE_H

#include <stdbool.h>
#include <stdio.h>

#include "history.h"

/* Whether the locale's character set (LC_ALL, LC_CTYPE, LANG) is UTF-8. */
bool po_spark_unicode(void);

/* Writes the sparkline of the series' points to `f`. */
void po_spark_write(FILE *f, const struct po_history_series *series,
    bool unicode);

/* The least and greatest values of the series' points. */
void po_spark_range(double *min, double *max,
    const struct po_history_series *series);

#endif
