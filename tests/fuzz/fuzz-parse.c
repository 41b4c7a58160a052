/* fuzz-parse.c — the cell parsers: numbers, dates, booleans, missing values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one cell.  Besides not crashing, what is read must survive
 * the way out: a number written by seg_csv_format_number() reads back as the
 * same double, and a date written as YYYY-MM-DD reads back as the same day.
 */
#include "config.h"

#include <math.h>

#include "seg-csv-writer.h"
#include "seg-csv.h"
#include "seg-expr.h"
#include "seg-parse.h"

#include "seg-fuzz.h"

static void
check_number (double value)
{
  g_autofree char *written = NULL;
  double again;

  if (!isfinite (value))
    return;
  written = seg_csv_format_number (value);
  if (!seg_parse_number (written, FALSE, &again) || again != value)
    g_error ("%.17g is written as “%s”, which reads back as %.17g", value, written, again);
}

static void
check_date (double days)
{
  g_autofree char *written = NULL;
  double again;
  gboolean has_time;

  written = seg_date_format_iso (days);
  g_assert_nonnull (written);
  if (!seg_parse_date_full (written, SEG_DATE_ISO, &again, &has_time)
      || again != floor (days) || has_time)
    g_error ("day %.17g is written as “%s”, which reads back as %.17g", days, written, again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = seg_fuzz_strndup (data, size);
  guint flags;
  double v;
  gboolean has_time;
  int first, second;
  char sep;

  seg_fuzz_init ();
  for (int comma = 0; comma <= 1; comma++)
    {
      if (seg_parse_number_full (text, comma, &v, &flags))
        {
          g_free (seg_csv_number_format (flags));
          check_number (v);
        }
    }

  for (SegDateFormat f = SEG_DATE_ISO; f <= SEG_DATE_COMPACT; f++)
    if (seg_parse_date_full (text, f, &v, &has_time))
      {
        g_assert_true (isfinite (v));
        check_date (v);
      }
  if (seg_expr_parse_date (text, &v))
    check_date (v);

  seg_parse_date_parts (text, &first, &second, &sep);
  seg_parse_looks_iso (text);
  seg_parse_boolean (text, &v);
  seg_parse_is_missing (text);
  seg_csv_is_code_like (text);
  seg_csv_has_leading_zero (text);
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(GString) cell = g_string_new (NULL);
      g_free (seg_csv_bad_cell_message (SEG_COLUMN_NUMBER, "decimal comma", text));
      g_free (seg_csv_bad_cell_message (SEG_COLUMN_DATE, "DD/MM/YYYY", text));
      seg_csv_append_text (cell, text);
    }
  return 0;
}
