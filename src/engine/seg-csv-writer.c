/* seg-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-csv-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-error.h"

static gboolean
round_trips (const char *text,
             double      value)
{
  return g_ascii_strtod (text, NULL) == value;
}

/* Shortest round-trip form.  Every decimal of up to 15 significant digits
 * survives the trip through a double, and %g drops trailing zeros, so when
 * %.15g reads back exactly it is already the shortest form; otherwise 16 or
 * 17 digits are needed.  One formatting call for most values. */
char *
seg_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  if (isnan (value))
    return g_strdup ("");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value == 0 ? 0.0 : value);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (round_trips (buf, value))
        break;
    }
  /* spreadsheets read 0.0001234 more kindly than 1.234e-04 */
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e15)
    {
      char format[16];

      for (int decimals = 1; decimals <= 24; decimals++)
        {
          char fixed[64];
          g_snprintf (format, sizeof format, "%%.%df", decimals);
          g_ascii_formatd (fixed, sizeof fixed, format, value);
          if (round_trips (fixed, value))
            return g_strdup (fixed);
        }
    }
  return g_strdup (buf);
}

static gboolean
is_plain_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && end != text;
}

void
seg_csv_append_text (GString    *out,
                     const char *text)
{
  gboolean neutralise = (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                         text[0] == '@' || text[0] == '\t' || text[0] == '\r') &&
                        !is_plain_number (text);
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL ||
                   (text[0] != '\0' && (g_ascii_isspace (text[0]) ||
                                        g_ascii_isspace (text[strlen (text) - 1])));

  if (quote)
    g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

void
seg_csv_append_cell (GString         *out,
                     const SegColumn *column,
                     guint64          row)
{
  double v;

  if (seg_column_is_missing (column, row))
    return;
  switch (column->type)
    {
    case SEG_COLUMN_TEXT:
      seg_csv_append_text (out, column->text[row]);
      break;
    case SEG_COLUMN_BOOLEAN:
      g_string_append (out, column->num[row] != 0 ? "true" : "false");
      break;
    case SEG_COLUMN_DATE:
      {
        int y, m, d;
        v = column->num[row];
        if (seg_date_to_ymd (v, &y, &m, &d))
          {
            double secs = round ((v - floor (v)) * 86400.0);
            g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
            if (secs > 0 && secs < 86400)
              g_string_append_printf (out, " %02d:%02d:%02d", (int) secs / 3600,
                                      ((int) secs / 60) % 60, (int) secs % 60);
          }
      }
      break;
    case SEG_COLUMN_NUMBER:
    default:
      {
        g_autofree char *s = seg_format_number (column->num[row]);
        g_string_append (out, s);
      }
      break;
    }
}

GBytes *
seg_csv_format_table (const SegTable *table,
                      const guint64  *rows,
                      guint64         n_rows)
{
  GString *out = g_string_sized_new (4096);
  guint n_cols = seg_table_get_n_columns (table);
  guint64 n = rows ? n_rows : seg_table_get_n_rows (table);

  for (guint c = 0; c < n_cols; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      seg_csv_append_text (out, seg_table_get_column (table, c)->name);
    }
  g_string_append_c (out, '\n');
  for (guint64 i = 0; i < n; i++)
    {
      guint64 r = rows ? rows[i] : i;
      for (guint c = 0; c < n_cols; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          seg_csv_append_cell (out, seg_table_get_column (table, c), r);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

gboolean
seg_write_file_atomic (const char   *path,
                       GBytes       *bytes,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;

  /* g_file_replace_contents writes a temporary file beside @path and renames
   * it over the old one only when everything was written. */
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                cancellable, &local))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot write: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
