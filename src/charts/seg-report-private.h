/* seg-report-private.h — the report as a list of blocks, shared by the
 * content builder (seg-report-content.c) and the page layout (seg-report.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-dashboard.h"
#include "seg-report.h"

G_BEGIN_DECLS

typedef enum
{
  BLOCK_TITLE,      /* the report's title on the first page */
  BLOCK_HEADING,    /* level 0 starts a page and an outline entry; 1 keeps with next */
  BLOCK_TEXT,       /* a wrapped paragraph */
  BLOCK_CHART,      /* one dashboard chart, drawn whole on one page */
  BLOCK_TABLE,      /* rows split across pages, header repeated */
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  BlockKind    kind;
  int          level;        /* headings */
  char        *text;         /* title, heading, paragraph */
  gboolean     bold;         /* paragraph */
  gboolean     muted;        /* paragraph */
  gboolean     markup;       /* paragraph: text is Pango markup */
  double       indent;       /* paragraph, points */
  /* charts */
  SegChartKind chart;
  char        *colour_by;
  char        *feature;
  double       vheight;      /* height in chart units (the width is REPORT_CHART_WIDTH) */
  char        *caption;      /* charts and tables */
  /* tables */
  char        *title;
  char        *subtitle;
  guint        n_rows, n_cols;
  char       **headers;      /* n_cols */
  char       **cells;        /* n_rows × n_cols */
  gboolean    *numeric;      /* n_cols */
  int         *groups;       /* n_rows colour swatches, or NULL */
  double       head_height;  /* layout cache: points */
  double       row_height;
} ReportBlock;

/* Charts are laid out this many units wide and scaled to the text width. */
#define REPORT_CHART_WIDTH 700.0

typedef struct
{
  const SegResult        *result;
  const SegReportOptions *options;
  SegChartParams          params;
  char                   *dataset_name;
  char                   *as_of;
  char                   *made;
  GPtrArray              *blocks;   /* ReportBlock* */
  guint                   n_figures;
  guint                   n_tables;
} ReportDoc;

void          seg_report_block_free (ReportBlock *block);
/* Fills doc->blocks from doc->result. */
void          seg_report_build_content (ReportDoc   *doc);
/* Name of the data set: the inputs' common folder, else the first file. */
char         *seg_report_dataset_name (const SegResult *result);

/* The signature of seg_report_write () and seg_xlsx_write (). */
typedef gboolean (*ReportWriteFunc) (const SegResult        *result,
                                     const SegReportOptions *options,
                                     const char             *path,
                                     GCancellable           *cancellable,
                                     SegProgressFunc         progress,
                                     gpointer                progress_data,
                                     GError                **error);

/* Runs @write on a worker thread (the options' strings copied), relaying
 * progress to the caller's main context; finish with seg_job_run_finish (), non-NULL on success. */
void          seg_report_run_writer_async (ReportWriteFunc         write,
                                           gpointer                source_tag,
                                           const SegResult        *result,
                                           const SegReportOptions *options,
                                           const char             *path,
                                           GCancellable           *cancellable,
                                           SegProgressFunc         progress,
                                           gpointer                progress_data,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);

G_END_DECLS
