/* seg-dashboard.h — every chart of the dashboard, drawn from a SegResult
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue the GUI cards, the exports, the CLI (--chart-format) and the
 * PDF report share: one pure function draws chart @kind of a result to any
 * cairo_t (DESIGN.md "Every chart is one pure function").  Charts only read
 * the result; the GUI keeps presentation state (colour-by, the box-plot
 * feature, the highlighted segment, the biplot toggle) in SegChartParams.
 */
#pragma once

#include <cairo.h>

#include "seg-analysis.h"
#include "seg-publish.h"
#include "seg-chart-hit.h"
#include "seg-chart-kpi.h"
#include "seg-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_CHART_KPIS,               /* customers, revenue, average spend, active share, churn rate, average CLV */
  SEG_CHART_SEGMENT_SIZES,      /* customers per segment of params->colour_by */
  SEG_CHART_SPEND_BY_SEGMENT,   /* value per segment: CLV when available, else total spend */
  SEG_CHART_PCA_SCATTER,        /* customers on PC1/PC2 coloured by segment, centroids, biplot arrows */
  SEG_CHART_BOX,                /* params->feature per segment of params->colour_by */
  SEG_CHART_ELBOW,              /* inertia vs k, suggested k and elbow marked */
  SEG_CHART_SILHOUETTE_K,       /* silhouette vs k */
  SEG_CHART_SILHOUETTE_PLOT,    /* per-customer silhouettes of the chosen k */
  SEG_CHART_PROFILE_HEATMAP,    /* cluster × feature z-scores */
  SEG_CHART_RFM_GRID,           /* R×F counts and average monetary value */
  SEG_CHART_RFM_SIZES,          /* customers per RFM segment */
  SEG_CHART_SEGMENT_TABLE,      /* the §3 table: customers, total and average spend, age, income */
  SEG_CHART_CHURN_BY_SEGMENT,   /* share labelled churned per segment of params->colour_by */
  SEG_CHART_CHURN_HIST,         /* churn probability of the scored customers, stacked by label */
  SEG_CHART_ROC,                /* ROC curve of the churn model on the held-out customers */
  SEG_CHART_CONFUSION,          /* held-out confusion matrix at params->threshold */
  SEG_CHART_ODDS_RATIOS,        /* churn model coefficients as odds ratios, excluded features noted */
  SEG_CHART_CLV_BY_SEGMENT,     /* average CLV per segment (unavailable without CLV) */
  SEG_CHART_TOP_CLV,            /* the customers with the highest CLV */
  SEG_CHART_P_ALIVE,            /* BG/NBD probability alive by frequency and recency */
  SEG_CHART_COHORTS,            /* cohort retention: month of first purchase × months since */
  SEG_N_CHARTS
} SegChartKind;

typedef struct
{
  const char *colour_by;   /* "rules", "rfm" or "kmeans"; NULL = the first available */
  const char *feature;     /* SEG_CHART_BOX: a numeric customer column; NULL = total_spent */
  gboolean    biplot;      /* SEG_CHART_PCA_SCATTER: loading arrows */
  const char *currency;    /* "€", "$", … or NULL for plain numbers */
  double      threshold;   /* SEG_CHART_CONFUSION, _CHURN_HIST: churn predicted when the
                              probability is above it; outside (0, 1) (NAN, the
                              seg_chart_params_init () default) = the model's */
  gboolean    fill;        /* tables: type grows to the width and the rows share the
                              whole height (slides); FALSE = exports, the PDF, panes */
  gboolean    by_width;    /* SEG_CHART_KPIS below 300 px: as many cards in a row as
                              the width allows, each as tall as its text (the
                              window, seg_dashboard_kpis_height ()); FALSE = exports */
} SegChartParams;

void         seg_chart_params_init  (SegChartParams *params);

/* Stable id used in file names ("segment-sizes", "pca-scatter", …) and the title. */
const char  *seg_chart_kind_id      (SegChartKind kind);
const char  *seg_chart_kind_title   (SegChartKind kind);
gboolean     seg_chart_kind_from_id (const char   *id,
                                     SegChartKind *kind);

/* FALSE when @result lacks what the chart needs (no clusters, no RFM…);
 * @why (nullable) then gets a reason in words (transfer full). */
gboolean     seg_dashboard_available (SegChartKind           kind,
                                      const SegResult       *result,
                                      const SegChartParams  *params,
                                      char                 **why);

void         seg_dashboard_render   (SegChartKind           kind,
                                     cairo_t               *cr,
                                     double                 width,
                                     double                 height,
                                     const SegResult       *result,
                                     const SegChartParams  *params,
                                     const SegChartStyle   *style);

/* A chart built once from a result and then drawn and hit-tested at any
 * size, as often as needed (seg_dashboard_render() does the three steps in
 * one go).  Building reads the result (a per-customer
 * chart reads every customer), so the GUI builds and draws on a worker
 * thread and keeps the prepared chart for hit-testing on the main thread.
 * It holds a reference to @result and copies @params (strings too) and
 * @style (NULL = the light style); one prepared chart must not be used by
 * two threads at once. */
typedef struct _SegChartPrepared SegChartPrepared;

SegChartPrepared *seg_dashboard_prepare         (SegChartKind           kind,
                                                 const SegResult       *result,
                                                 const SegChartParams  *params,
                                                 const SegChartStyle   *style);
void              seg_chart_prepared_free       (SegChartPrepared      *prepared);
SegChartKind      seg_chart_prepared_get_kind   (const SegChartPrepared *prepared);
/* FALSE when the result lacks what the chart needs; @why (nullable) then
 * points at the reason, owned by @prepared. */
gboolean          seg_chart_prepared_available  (const SegChartPrepared *prepared,
                                                 const char            **why);
void              seg_chart_prepared_render     (SegChartPrepared      *prepared,
                                                 cairo_t               *cr,
                                                 double                 width,
                                                 double                 height);
gboolean          seg_chart_prepared_hit_test   (SegChartPrepared      *prepared,
                                                 double                 width,
                                                 double                 height,
                                                 double                 x,
                                                 double                 y,
                                                 SegChartHit           *hit);

/* Keyboard access: item @index of the chart drawn at @width × @height
 * (bars, points, cells, rows… in reading order; seg-chart-hit.h), with the
 * tooltip the pointer shows there and hit->area for a focus ring.  FALSE
 * past the last item; TRUE with hit->kind SEG_CHART_HIT_NONE for an item
 * that is not drawn. */
gboolean          seg_chart_prepared_item       (SegChartPrepared      *prepared,
                                                 double                 width,
                                                 double                 height,
                                                 guint                  index,
                                                 SegChartHit           *hit);
/* Items per row for Up and Down: a heat map's columns, 1 for a list. */
guint             seg_chart_prepared_item_columns (const SegChartPrepared *prepared);
/* The chart's title as drawn (transfer full). */
char             *seg_chart_prepared_dup_title  (const SegChartPrepared *prepared);
/* The chart in words for screen readers: title, what it shows, and its
 * key figures ("Segment sizes (…): Power User 79, Others 65, …"), or why
 * it is not available (transfer full). */
char             *seg_chart_prepared_describe   (SegChartPrepared      *prepared,
                                                 double                 width,
                                                 double                 height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegChartPrepared, seg_chart_prepared_free)

/* Writes every available chart to DIR/<id>.<format> (png, svg or pdf) at
 * width × height, in the light export style (seg_dashboard_export_style()),
 * as one set (seg-publish.h): all of them or none replace the old ones; DIR
 * is created when missing.  @written (nullable) gets the paths (transfer
 * full: give it a g_free free func).  Returns FALSE with @error on the
 * first failure. */
gboolean     seg_dashboard_export_all (const SegResult      *result,
                                       const SegChartParams *params,
                                       const char           *dir,
                                       const char           *format,
                                       int                   width,
                                       int                   height,
                                       GPtrArray            *written,
                                       GError              **error);

/* The same charts added to @pub as [FOLDER/]<id>.<format> (@folder
 * nullable), for exports that publish them with other files. */
gboolean     seg_dashboard_publish_all (const SegResult      *result,
                                        const SegChartParams *params,
                                        SegPublish           *pub,
                                        const char           *folder,
                                        const char           *format,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

/* ---- additions for the GUI, the CLI and the PDF report ---- */

/* The segmentation charts are coloured by: params->colour_by, or the first
 * of rules, RFM and k-means that ran.  @method (nullable) gets its name
 * ("rules", "rfm", "kmeans"); NULL is returned when that one did not run. */
const SegSegmentation *seg_dashboard_colour_segmentation (const SegResult      *result,
                                                          const SegChartParams *params,
                                                          const char          **method);

/* The KPI cards (for a GUI that lays them out as widgets of their own):
 * customers, revenue (sum of total_spent), average spend (revenue /
 * customers), active share (customers whose last purchase is at most 90
 * days before the as-of date, among customers with purchases), churn rate
 * (SegChurn.churn_rate) and average CLV (SegClv.mean); NaN, drawn "–" with
 * a note, when those methods did not run.
 * Strings are static or borrowed from @params.  Returns the number filled. */
#define SEG_DASHBOARD_N_KPIS 6
guint        seg_dashboard_get_kpis   (const SegResult      *result,
                                       const SegChartParams *params,
                                       SegKpi               *kpis);

/* The height SEG_CHART_KPIS needs at @width with params->by_width: rows of
 * cards as tall as their text, no room left under them. */
double       seg_dashboard_kpis_height (const SegChartStyle *style,
                                        guint                n_kpis,
                                        double               width);

/* The style exports use: @theme, with style->scale grown with the size
 * (1 at 1000 × 625, 1.6 at 1600 × 1000, at most 4). */
void         seg_dashboard_export_style (SegChartStyle *style,
                                         SegChartTheme  theme,
                                         double         width,
                                         double         height);

/* One chart to @path (format from its extension: .png, .svg, .pdf),
 * atomically; @style NULL = seg_dashboard_export_style() light. */
gboolean     seg_dashboard_export     (SegChartKind          kind,
                                       const SegResult      *result,
                                       const SegChartParams *params,
                                       const SegChartStyle  *style,
                                       const char           *path,
                                       int                   width,
                                       int                   height,
                                       GError              **error);

/* The name a business user reads for customer column @name ("total_spent"
 * → "Total spend", "churn_probability" → "Churn probability",
 * "BALANCE_FREQUENCY" → "Balance frequency"); mixed-case names stay as
 * they are (transfer full). */
char        *seg_dashboard_column_label (const char *name);

/* An expression (a rule, the churn label) or a note for a business
 * reader: snake_case column names become display names, and the default churn label
 * "recency_days > 180" reads "no purchase for more than 180 days"
 * (transfer full). */
char        *seg_dashboard_expression_label (const char *expr);

/* What a SegClvMethod is called in text ("BG/NBD model", "spend so far"). */
const char  *seg_dashboard_clv_method_label (int method);

/* One line on what the churn model left out and why, with the columns'
 * display names: "Left out of the model: Days since last purchase (the churn
 * label is defined from it); Days since first purchase (equal to “Days since
 * last purchase” for 61 % of the labelled customers)."  NULL when nothing
 * was left out (transfer full). */
char        *seg_dashboard_churn_excluded_line (const SegChurn *churn);

G_END_DECLS
