/* seg-dataset-checks.c — placeholder dates and sums that overflow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 17: a date such as 9999-12-31 became the as-of date (every recency
 * 0), and two amounts of 1e308 for one customer stopped the run with a
 * message that named no file or line.  The dataset build (seg-dataset*.c)
 * calls these at its own places; the rule for placeholders is in
 * seg-date-spread.c.
 */
#define G_LOG_DOMAIN "seg-dataset"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "seg-dataset-private.h"
#include "seg-date-spread.h"
#include "seg-error.h"

guint64
seg_dataset_find_placeholders (const double *days,
                               guint64       n,
                               const guint8 *status,
                               guint8        keep,
                               guint8       *flags,
                               guint8        mark,
                               guint64      *first)
{
  g_autoptr(SegDateSpread) spread = seg_date_spread_new ();
  guint64 count = 0;

  for (guint64 r = 0; r < n; r++)
    if (status == NULL || status[r] == keep)
      seg_date_spread_add (spread, days[r]);
  if (seg_date_spread_finish (spread) == 0)
    return 0;
  for (guint64 r = 0; r < n; r++)
    if ((status == NULL || status[r] == keep) && seg_date_spread_is_placeholder (spread, days[r]))
      {
        flags[r] = mark;
        if (count++ == 0)
          *first = r;
      }
  return count;
}

SegFutureDates *
seg_dataset_add_date_note (SegDataset     *dataset,
                           const char     *column,
                           guint64         count,
                           char           *message,
                           SegDateNoteKind kind)
{
  SegFutureDates *f = g_new0 (SegFutureDates, 1);

  f->column = g_strdup (column);
  f->count = count;
  f->message = message;
  f->kind = kind;
  g_ptr_array_add (dataset->future_dates, f);
  g_ptr_array_add (dataset->notices, g_strdup (message));
  return f;
}

void
seg_dataset_report_placeholders (SegDataset          *dataset,
                                 const SegTable      *table,
                                 const char          *column,
                                 guint64              count,
                                 guint64              first_row,
                                 double               first_day,
                                 SegPlaceholderEffect effect)
{
  g_autofree char *where = seg_error_format_location (seg_table_get_name (table),
                                                      seg_table_get_row_line (table, first_row), 0);
  g_autofree char *date = seg_date_format_iso (first_day);
  gulong n = (gulong) MIN (count, G_MAXULONG);
  char *message;

  /* Translators: "log.csv:352: 2 dates in “txn_date” (the first: 9999-12-31) lie far outside the others …";
   * a placeholder is a date such as 9999-12-31 that a system writes where it has none */
  if (effect == SEG_PLACEHOLDER_ROW_LEFT_OUT)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s: %" PRIu64 " date in “%s” (%s) lies far outside the others and looks "
                                            "like a placeholder: its row is left out, as rows without a date are",
                                            "%s: %" PRIu64 " dates in “%s” (the first: %s) lie far outside the others "
                                            "and look like placeholders: their rows are left out, as rows without "
                                            "a date are", n), where, count, column, date);
  else if (effect == SEG_PLACEHOLDER_ROW_UNDATED)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s: %" PRIu64 " date in “%s” (%s) lies far outside the others and looks "
                                            "like a placeholder: its row counts as activity without a date",
                                            "%s: %" PRIu64 " dates in “%s” (the first: %s) lie far outside the others "
                                            "and look like placeholders: their rows count as activity without a "
                                            "date", n), where, count, column, date);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s: %" PRIu64 " date in “%s” (%s) lies far outside the others and looks "
                                            "like a placeholder: it is read as missing",
                                            "%s: %" PRIu64 " dates in “%s” (the first: %s) lie far outside the others "
                                            "and look like placeholders: they are read as missing", n),
                               where, count, column, date);
  seg_dataset_add_date_note (dataset, column, count, message, SEG_DATE_NOTE_PLACEHOLDER);
}

gboolean
seg_dataset_overflow_error (const SegTable *table,
                            guint64         row,
                            const char     *customer,
                            const char     *column,
                            gboolean        amount,
                            GError        **error)
{
  int index = seg_table_find_column_index (table, column);
  guint64 line = seg_table_get_row_line (table, row);
  const char *path = seg_table_get_path (table);

  /* a sum past DBL_MAX is infinite: every figure made from it would be
   * useless, so the run stops at the row that made it so */
  if (amount)
    seg_error_set_at (error, SEG_ERROR_INVALID_INPUT, path, line, index >= 0 ? (guint) index + 1 : 0,
                      _("the amounts of customer “%s” add up to more than the largest number Segmenta can "
                        "hold (about 1.8e308) at this row; check “%s” for values that are corrupt or in the "
                        "wrong unit"), customer, column);
  else
    seg_error_set_at (error, SEG_ERROR_INVALID_INPUT, path, line, index >= 0 ? (guint) index + 1 : 0,
                      _("the values of “%s” for customer “%s” add up to more than the largest number Segmenta "
                        "can hold (about 1.8e308) at this row; check them for values that are corrupt or in "
                        "the wrong unit"), column, customer);
  return FALSE;
}
