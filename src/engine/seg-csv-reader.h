/* seg-csv-reader.h — read a delimited text file into a typed SegTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader sniffs the dialect (delimiter, quoting, header, BOM, encoding,
 * line ends, decimal comma), types every column (number, date, boolean, text)
 * and parses the file in 64 KiB chunks with libcsv.  Rows it cannot use are
 * skipped and reported (SegReadReport.problems: line, column, message); a
 * file it cannot read at all is a GError in SEG_ERROR whose message starts
 * "FILE:LINE:COLUMN: " (line and column when known).  Runs in any thread;
 * checks @cancellable every few thousand rows (G_IO_ERROR_CANCELLED).
 */
#pragma once

#include <gio/gio.h>

#include "seg-table.h"

G_BEGIN_DECLS

typedef struct
{
  char        delimiter;     /* 0 = sniff; ' ' = runs of spaces */
  int         has_header;    /* -1 = sniff, 0 = no, 1 = yes */
  const char *encoding;      /* NULL = sniff ("UTF-8" or "Windows-1252") */
  GHashTable *column_types;  /* column name → GINT_TO_POINTER (SegColumnType + 1); NULL = detect */
  int         day_first;     /* -1 = from the values, 0 = MM/DD, 1 = DD/MM */
} SegReadOptions;

void      seg_read_options_init (SegReadOptions *options);

SegTable *seg_csv_read (const char           *path,
                        const SegReadOptions *options,     /* NULL = all defaults */
                        GCancellable         *cancellable,
                        SegProgressFunc       progress,
                        gpointer              user_data,
                        GError              **error);

/* Same, from bytes in memory; @display_name is used in messages. */
SegTable *seg_csv_read_bytes (GBytes               *bytes,
                              const char           *display_name,
                              const SegReadOptions *options,
                              GCancellable         *cancellable,
                              SegProgressFunc       progress,
                              gpointer              user_data,
                              GError              **error);

/* Cell parsers, exposed for the expression language, the import view and tests.
 * Both accept surrounding white space and return FALSE on anything else. */
gboolean  seg_parse_number (const char *text,
                            gboolean    decimal_comma,
                            double     *out);

typedef enum
{
  SEG_DATE_ISO,        /* YYYY-MM-DD, optional time "HH:MM[:SS]" after ' ' or 'T' */
  SEG_DATE_DMY,        /* DD/MM/YYYY (also '-' and '.' separators), optional time */
  SEG_DATE_MDY,        /* MM/DD/YYYY, optional time */
  SEG_DATE_COMPACT,    /* YYYYMMDD */
} SegDateFormat;

gboolean  seg_parse_date (const char   *text,
                          SegDateFormat format,
                          double       *out_days);

G_END_DECLS
