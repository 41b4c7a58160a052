/* seg-sniff.h — guess the dialect of a delimited text file from a sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the engine (used by seg-csv-reader.c).  The sample is UTF-8
 * text without a byte order mark, normally the first 64 KiB of the file.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     delimiter;      /* ',', ';', '\t', '|', or ' ' for runs of spaces */
  char     quote;          /* '"' when the sample quotes fields, else 0 */
  gboolean has_header;
  gboolean decimal_comma;  /* only ever with ';' */
  guint    n_fields;       /* the most common number of fields per line */
  guint    n_lines;        /* non-blank lines looked at */
} SegSniff;

/* @forced_delimiter: 0 = guess; @forced_header: -1 = guess, 0 = no, 1 = yes.
 * @truncated: the sample stops before the end of the file (its last line
 * may be cut and is ignored). */
void seg_sniff_dialect (const char *text,
                        gsize       len,
                        gboolean    truncated,
                        char        forced_delimiter,
                        int         forced_header,
                        SegSniff   *out);

/* Splits one line of the sample into unquoted fields (for tests and typing
 * the header); @delimiter ' ' splits on runs of white space.
 * Returns: (transfer full). */
GPtrArray *seg_sniff_split_line (const char *line,
                                 gsize       len,
                                 char        delimiter);

G_END_DECLS
