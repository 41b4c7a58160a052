/* seg-date.c — calendar dates as days since 1970-01-01
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-date"

#include "config.h"

#include <math.h>

#include "seg-date.h"

/* Days from civil, after H. Hinnant's well-known public-domain derivation. */
double
seg_date_from_ymd (int year,
                   int month,
                   int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153u * (unsigned) (month + (month > 2 ? -3 : 9)) + 2u) / 5u + (unsigned) day - 1u;
  unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return (double) era * 146097.0 + (double) doe - 719468.0;
}

gboolean
seg_date_in_range (double days)
{
  return isfinite (days) && days >= SEG_DATE_MIN_DAYS && days < SEG_DATE_MAX_DAYS + 1.0;
}

gboolean
seg_date_to_ymd (double days,
                 int   *year,
                 int   *month,
                 int   *day)
{
  long z;
  long era;
  unsigned doe, yoe, doy, mp;
  long y;

  g_return_val_if_fail (year != NULL && month != NULL && day != NULL, FALSE);
  /* a billion days either way (about 2.7 million years) keeps every step
   * below within a long; 1e300 days cast to long was undefined behaviour */
  if (!isfinite (days) || fabs (days) > 1e9)
    return FALSE;
  z = (long) floor (days) + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (long) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
  return TRUE;
}

char *
seg_date_format_iso (double days)
{
  int y, m, d;
  if (!seg_date_to_ymd (days, &y, &m, &d))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}
