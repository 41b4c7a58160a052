/* seg-error.h — the SEG_ERROR domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEG_ERROR (seg_error_quark ())

typedef enum
{
  SEG_ERROR_FAILED,        /* anything else */
  SEG_ERROR_IO,            /* cannot open, read or write a file */
  SEG_ERROR_PARSE,         /* a file is not a table we can read */
  SEG_ERROR_ENCODING,      /* bytes that are not text */
  SEG_ERROR_EXPRESSION,    /* an expression does not parse or refers to unknown columns */
  SEG_ERROR_ROLE,          /* a required role (customer id, date, amount) is missing */
  SEG_ERROR_INVALID_INPUT, /* data a method cannot use (one customer, no features, …) */
  SEG_ERROR_USAGE,         /* options that do not fit together */
  SEG_ERROR_CANCELLED,     /* not used: cancellation reports G_IO_ERROR_CANCELLED */
} SegErrorCode;

GQuark seg_error_quark (void);

/**
 * seg_error_set_at:
 * @error: (nullable): return location for a #GError, or %NULL
 * @code: a #SegErrorCode
 * @file: (nullable): the file's name, "-" when %NULL
 * @line: 1-based line, 0 when unknown
 * @column: 1-based column, 0 when unknown
 * @format: printf()-style message, in plain words, marked for translation
 * @...: its arguments
 *
 * Sets @error to "FILE:LINE:COLUMN: message" (line and column omitted when
 * 0).
 */
void   seg_error_set_at (GError    **error,
                         SegErrorCode code,
                         const char *file,
                         guint64     line,
                         guint       column,
                         const char *format,
                         ...) G_GNUC_PRINTF (6, 7);
/**
 * seg_error_format_location:
 * @file: (nullable): the file's name, "-" when %NULL
 * @line: 1-based line, 0 when unknown
 * @column: 1-based column, 0 when unknown
 *
 * Returns: (transfer full): "FILE:LINE:COLUMN", "FILE:LINE" or "FILE"
 */
char  *seg_error_format_location (const char *file,
                                  guint64     line,
                                  guint       column);

G_END_DECLS
