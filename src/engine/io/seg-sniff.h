/* seg-sniff.h — guess the dialect of a delimited text file from a sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the engine (used by seg-csv.c).  The sample is UTF-8
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

/**
 * seg_sniff_dialect:
 * @text: (array length=len): the sample, UTF-8 without a byte order mark
 * @len: its length in bytes
 * @truncated: the sample stops before the end of the file (its last line
 *   may be cut and is ignored)
 * @forced_delimiter: the delimiter to use, or 0 to guess it
 * @forced_header: -1 to guess whether there is a header, 0 no, 1 yes
 * @out: (out caller-allocates): the dialect found
 *
 * Guesses the dialect of the sample (see seg-csv.h for the rules).
 */
void seg_sniff_dialect (const char *text,
                        gsize       len,
                        gboolean    truncated,
                        char        forced_delimiter,
                        int         forced_header,
                        SegSniff   *out);

/**
 * seg_sniff_split_line:
 * @line: (array length=len): one line of the sample, without its line end
 * @len: its length in bytes
 * @delimiter: the field delimiter; ' ' splits on runs of white space
 *
 * Splits one line of the sample into unquoted fields (for tests and typing
 * the header).
 *
 * Returns: (transfer full) (element-type utf8): the fields
 */
GPtrArray *seg_sniff_split_line (const char *line,
                                 gsize       len,
                                 char        delimiter);

G_END_DECLS
