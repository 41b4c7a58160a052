/* seg-error.c — the error domain and messages that say where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-error"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-error.h"

G_DEFINE_QUARK (seg-error-quark, seg_error)

char *
seg_error_format_location (const char *file,
                           guint64     line,
                           guint       column)
{
  if (file == NULL)
    file = "-";
  if (line == 0)
    return g_strdup (file);
  if (column == 0)
    return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, file, line);
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%u", file, line, column);
}

void
seg_error_set_at (GError    **error,
                  SegErrorCode code,
                  const char *file,
                  guint64     line,
                  guint       column,
                  const char *format,
                  ...)
{
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (format != NULL);
  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  where = seg_error_format_location (file, line, column);
  g_set_error (error, SEG_ERROR, code, "%s: %s", where, message);
}
