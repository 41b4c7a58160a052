/* seg-csv-private.h — the reader state shared by seg-csv.c and seg-csv-typing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <csv.h>

#include "seg-csv.h"
#include "seg-sniff.h"

G_BEGIN_DECLS

#define SHOWN_VALUE_MAX  40

typedef struct
{
  char    *data;      /* cells, each NUL-terminated */
  gsize    len;
  gsize    alloc;
  guint32 *offsets;   /* start of each cell in data */
  guint64  n;
  guint64  n_alloc;
} RawColumn;

typedef struct
{
  const char           *name;
  const SegReadOptions *options;
  SegTable             *table;
  GCancellable         *cancellable;
  SegProgressFunc       progress;
  gpointer              user_data;
  char                 *progress_message;
  SegSniff              sniff;
  gboolean              space_mode;
  gboolean              in_header;
  guint64               header_line;
  GPtrArray            *header;       /* raw header names (char*) */
  guint                 n_cols;
  RawColumn            *cols;
  GArray               *row_lines;    /* guint64 per accepted row */
  guint                 field;        /* fields of the current row so far */
  guint                 raw_fields;   /* same, with the runs of spaces */
  gboolean              extra_text;   /* a non-empty field after the last column */
  guint64               row_line;     /* where the current row starts */
  guint64               field_line;   /* where the next field starts */
  int                   last_term;
  guint64               n_rows;
  guint64               n_skipped;
  guint64               first_bad_line;
  guint                 first_bad_found;
  gboolean              stop;
  gboolean              cancelled;
  guint64               first_line;   /* 2 after an Excel "sep=;" line */
  GError               *error;
} Reader;

static inline const char *
raw_cell (const RawColumn *c,
          guint64          row)
{
  return c->data + c->offsets[row];
}

/* A value for a message: at most SHOWN_VALUE_MAX characters. */
char *seg_csv_shown_value (const char *value);

/* Types column @index of @r from its raw strings and adds it to the table. */
void  seg_csv_type_column (Reader     *r,
                           guint       index,
                           const char *name);

G_END_DECLS
