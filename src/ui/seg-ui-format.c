/* seg-ui-format.c — how cells and counts are shown in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-ui-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-format.h"
#include "seg-ui-format.h"

/* Groups the integer part of @digits ("1234.5", C locale) with the
 * separators of LC_NUMERIC, as the charts do: "1,234.5" or "1.234,5".
 * Cells keep the ASCII "-" they have always shown. */
static char *
group_thousands (const char *digits)
{
  return seg_format_group_digits (digits, "-", NULL, NULL);
}

char *
seg_ui_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (fabs (value) >= 1e15)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
  if (value == floor (value))
    g_ascii_formatd (buf, sizeof buf, "%.0f", value);
  else if (fabs (value) < 0.01)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3g", value));
  else
    g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");
  return group_thousands (buf);
}

int
seg_ui_format_column_decimals (const SegColumn *column,
                               guint64          n_rows)
{
  g_return_val_if_fail (column != NULL, 0);

  if (column->type != SEG_COLUMN_NUMBER || column->role == SEG_FIELD_CUSTOMER_ID ||
      column->role == SEG_FIELD_TXN_ID)
    return -1;
  for (guint64 r = 0; r < n_rows; r++)
    if (isfinite (column->num[r]) && column->num[r] != floor (column->num[r]))
      return 2;
  return 0;
}

char *
seg_ui_format_fixed (double value,
                     int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    return NULL;
  /* whole columns, and what fixed decimals would show as 0.00, go as
   * seg_ui_format_number () has them */
  if (decimals <= 0 || !isfinite (value) || fabs (value) >= 1e15 || (value != 0 && fabs (value) < 0.01))
    return seg_ui_format_number (value);
  g_snprintf (format, sizeof format, "%%.%df", MIN (decimals, 9));
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (strcmp (buf, "-0.00") == 0)
    return g_strdup ("0.00");
  return group_thousands (buf);
}

char *
seg_ui_format_cell (const SegColumn *column,
                 guint64          row)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (seg_column_is_missing (column, row))
    return NULL;
  switch (column->type)
    {
    case SEG_COLUMN_TEXT:
      return g_strdup (column->text[row]);
    case SEG_COLUMN_NUMBER:
      /* identifiers are codes, not quantities: no grouping, no rounding */
      if (column->role == SEG_FIELD_CUSTOMER_ID || column->role == SEG_FIELD_TXN_ID)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", column->num[row]));
        }
      return seg_ui_format_number (column->num[row]);
    case SEG_COLUMN_DATE:
      return seg_date_format_iso (column->num[row]);
    case SEG_COLUMN_BOOLEAN:
      return g_strdup (column->num[row] != 0.0 ? _("Yes") : _("No"));
    default:
      return NULL;
    }
}

char *
seg_ui_format_date_long (double days)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (isnan (days) || !seg_date_to_ymd (days, &y, &m, &d))
    return g_strdup ("—");
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return g_strdup ("—");
  /* Translators: a date as in "14 Sep 2025", see strftime */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

char *
seg_ui_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  return group_thousands (digits);
}

/* Whether the run of digits text[start, end) is a count to group: not a
 * year (1900–2099 alone), and not part of a date, a time, a decimal, a
 * file position or a name (no letter, digit or - / : . _ beside it). */
static gboolean
is_count_run (const char *text,
              gsize       start,
              gsize       end)
{
  const char *glue = "-/:._";
  char before = start > 0 ? text[start - 1] : ' ';
  char after = text[end];

  if (end - start < 4)
    return FALSE;
  if (end - start == 4 && (strncmp (text + start, "19", 2) == 0 || strncmp (text + start, "20", 2) == 0))
    return FALSE;
  if (g_ascii_isalnum (before) || strchr (glue, before) != NULL || (guchar) before >= 0x80)
    return FALSE;
  if (after != '\0' && (g_ascii_isalnum (after) || (strchr (glue, after) != NULL &&
                                                     g_ascii_isdigit (text[end + 1]))))
    return FALSE;
  return TRUE;
}

char *
seg_ui_format_group_counts (const char *text)
{
  GString *out;
  gboolean quoted = FALSE;
  gsize i = 0;

  g_return_val_if_fail (text != NULL, NULL);
  out = g_string_sized_new (strlen (text) + 8);
  while (text[i] != '\0')
    {
      gsize end = i;

      /* what the user wrote stays as written: “C012345” */
      if (g_str_has_prefix (text + i, "“") || g_str_has_prefix (text + i, "”"))
        quoted = g_str_has_prefix (text + i, "“");
      if (!g_ascii_isdigit (text[i]))
        {
          g_string_append_c (out, text[i++]);
          continue;
        }
      while (g_ascii_isdigit (text[end]))
        end++;
      if (!quoted && is_count_run (text, i, end))
        {
          g_autofree char *digits = g_strndup (text + i, end - i);
          g_autofree char *grouped = group_thousands (digits);
          g_string_append (out, grouped);
        }
      else
        g_string_append_len (out, text + i, (gssize) (end - i));
      i = end;
    }
  return g_string_free (out, FALSE);
}

const char *
seg_ui_format_delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("comma");
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    case '|':
      return _("pipe");
    case ' ':
      return _("spaces");
    default:
      return _("unknown");
    }
}

int
seg_ui_format_column_width (const SegColumn *column,
                            guint64          n_rows)
{
  glong chars = g_utf8_strlen (column->name, -1) + 2;   /* room for the sort arrow */

  for (guint64 r = 0; r < MIN (n_rows, 500); r++)
    {
      g_autofree char *cell = seg_ui_format_cell (column, r);
      if (cell)
        chars = MAX (chars, g_utf8_strlen (cell, -1));
    }
  chars = CLAMP (chars, 5, 36);
  /* about 8 px per character of the UI font, plus the cell padding */
  return (int) chars * 8 + 24;
}
