#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "sparkline.h"

/* Eight levels, lowest first.  The ASCII ones rise with the ink they put
 * on the baseline's side of the line, as far as ASCII can. */
static const char *const blocks[] = {
	"\u2581", "\u2582", "\u2583", "\u2584",
	"\u2585", "\u2586", "\u2587", "\u2588"
};
static const char ascii[] = "_.,-=+*#";

bool
po_spark_unicode(void)
{
	/* Only the character type is taken from the environment: numbers
	 * are still written with a '.', whatever LC_NUMERIC says. */
	if (setlocale(LC_CTYPE, "") == NULL)
		return false;
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

void
po_spark_range(double *min, double *max,
    const struct po_history_series *series)
{
	*min = *max = series->npoints ? series->points[0].value : 0;
	for (size_t i = 1; i < series->npoints; i++) {
		double v = series->points[i].value;

		if (v < *min)
			*min = v;
		if (v > *max)
			*max = v;
	}
}

void
po_spark_write(FILE *f, const struct po_history_series *series, bool unicode)
{
	double min, max;

	po_spark_range(&min, &max, series);
	for (size_t i = 0; i < series->npoints; i++) {
		/* A flat series sits in the middle, not on the floor, so that
		 * it does not read as "dropped to nothing". */
		int level = max > min ? (int)((series->points[i].value - min) /
		    (max - min) * 7 + 0.5) : 3;

		if (unicode)
			fputs(blocks[level], f);
		else
			fputc(ascii[level], f);
	}
}
