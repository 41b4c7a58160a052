/* seg-report.h — the whole analysis as a multi-page PDF (SPEC §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A title page, the KPI cards, each pane's charts and tables with captions,
 * the segment tables, personas, churn and CLV when they ran, and a methods
 * appendix, laid out on A4 or Letter pages with a footer and page numbers.
 * Charts are drawn by the same seg_dashboard_render () as the screen, into
 * cairo's PDF surface: vector output, embedded fonts, selectable text.
 * Pure cairo + pango: the CLI (--report) and the window share it.
 */
#pragma once

#include <gio/gio.h>

#include "seg-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_PAPER_A4,
  SEG_PAPER_LETTER,
} SegPaper;

/* "a4" or "letter" (any case). */
gboolean     seg_paper_parse         (const char *text,
                                      SegPaper   *paper);
const char  *seg_paper_to_string     (SegPaper    paper);
/* Page size in PostScript points. */
void         seg_paper_get_size      (SegPaper    paper,
                                      double     *width,
                                      double     *height);
/* The paper of the LC_PAPER locale (glibc's _NL_PAPER_WIDTH after
 * setlocale (); else the territory of LC_ALL, LC_PAPER or LANG: Letter in
 * the US, Canada, Mexico, the Philippines and the Letter countries of Latin
 * America, A4 elsewhere). */
SegPaper     seg_paper_from_locale   (void);
/* The territory rule alone, for a locale name such as "en_US.UTF-8". */
SegPaper     seg_paper_for_locale_name (const char *name);

typedef struct
{
  SegPaper           paper;
  const char        *dataset_name;     /* NULL = from the input files' folder */
  const char        *currency;         /* "€", "$", … or NULL */
  /* Persona names and actions edited in the window, per cluster (entries
   * may be NULL = the suggested one); NULL arrays = all suggested. */
  const char *const *persona_names;
  const char *const *persona_actions;
  guint              n_personas;
  gint64             made;             /* Unix time shown as "made"; 0 = now */
} SegReportOptions;

/* Paper from the locale, the rest empty. */
void         seg_report_options_init (SegReportOptions *options);

/* One placed piece of the layout (for tests and progress). */
typedef enum
{
  SEG_REPORT_ITEM_TEXT,
  SEG_REPORT_ITEM_CHART,
  SEG_REPORT_ITEM_TABLE,
} SegReportItemKind;

typedef struct
{
  SegReportItemKind kind;
  guint             page;        /* 0-based */
  double            y, height;   /* points from the top of the page */
  const char       *title;       /* chart or table title, or NULL */
  guint             first_row;   /* tables: rows first_row .. first_row + n_rows − 1 */
  guint             n_rows;
  guint             total_rows;
  gboolean          continued;   /* a table that began on an earlier page */
} SegReportItem;

/* The layout without drawing it: the pages, the content area (top and
 * bottom in points) and every placed item.  For tests. */
typedef struct _SegReportPlan SegReportPlan;

SegReportPlan       *seg_report_plan        (const SegResult        *result,
                                             const SegReportOptions *options);
guint                seg_report_plan_get_n_pages (const SegReportPlan *plan);
guint                seg_report_plan_get_n_items (const SegReportPlan *plan);
const SegReportItem *seg_report_plan_get_item    (const SegReportPlan *plan,
                                                  guint                index);
void                 seg_report_plan_get_content (const SegReportPlan *plan,
                                                  double              *top,
                                                  double              *bottom);
void                 seg_report_plan_free   (SegReportPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegReportPlan, seg_report_plan_free)

/* The report as PDF bytes.  @progress (nullable) is called on this thread
 * after each page; @cancellable is checked between pages.
 * Returns: (transfer full): the PDF, or NULL with @error. */
GBytes      *seg_report_render       (const SegResult        *result,
                                      const SegReportOptions *options,
                                      GCancellable           *cancellable,
                                      SegProgressFunc         progress,
                                      gpointer                progress_data,
                                      GError                **error);

/* Renders and writes @path atomically (a failed or cancelled run leaves an
 * existing file as it was). */
gboolean     seg_report_write        (const SegResult        *result,
                                      const SegReportOptions *options,
                                      const char             *path,
                                      GCancellable           *cancellable,
                                      SegProgressFunc         progress,
                                      gpointer                progress_data,
                                      GError                **error);

/* The same on a worker thread; @progress is called in the caller's main
 * context (one pending idle at a time).  @options' strings are copied. */
void         seg_report_write_async  (const SegResult        *result,
                                      const SegReportOptions *options,
                                      const char             *path,
                                      GCancellable           *cancellable,
                                      SegProgressFunc         progress,
                                      gpointer                progress_data,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
gboolean     seg_report_write_finish (GAsyncResult  *result,
                                      GError       **error);

G_END_DECLS
