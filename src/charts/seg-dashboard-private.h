/* seg-dashboard-private.h — shared by the seg-dashboard-*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart of the dashboard is built the same way: a DashChart is filled
 * from the result (the toolkit's input struct plus the memory behind it),
 * then drawn or hit-tested by the toolkit, then touched up here (overlays,
 * the segment index in hit->group, tooltips in words).
 */
#pragma once

/* Only the toolkit parts used here (not the umbrella seg-charts.h). */
#include "seg-chart-axis.h"
#include "seg-chart-bars.h"
#include "seg-chart-export.h"
#include "seg-chart-box.h"
#include "seg-chart-confusion.h"
#include "seg-format.h"
#include "seg-chart-frame.h"
#include "seg-chart-heatmap.h"
#include "seg-chart-hist.h"
#include "seg-chart-hit.h"
#include "seg-chart-kpi.h"
#include "seg-chart-line.h"
#include "seg-chart-roc.h"
#include "seg-chart-scatter.h"
#include "seg-chart-silhouette.h"
#include "seg-chart-style.h"
#include "seg-chart-table.h"
#include "seg-chart-text.h"
#include "seg-dashboard.h"

G_BEGIN_DECLS

typedef enum
{
  DASH_TK_NONE,       /* unavailable: a frame with the reason */
  DASH_TK_KPIS,       /* drawn here, card by card */
  DASH_TK_BARS,
  DASH_TK_SCATTER,
  DASH_TK_BOX,
  DASH_TK_LINE,
  DASH_TK_HEAT,
  DASH_TK_SILHOUETTE,
  DASH_TK_TABLE,
  DASH_TK_HIST,
  DASH_TK_ROC,
  DASH_TK_CONFUSION,
} DashToolkit;

typedef struct _DashChart DashChart;

/* Called after the toolkit drew the chart (overlays) or hit-tested it
 * (hit->group and the tooltip). */
typedef void     (*DashOverlayFunc) (DashChart   *chart,
                                     cairo_t     *cr,
                                     double       width,
                                     double       height);
/* Called before drawing and hit-testing, once the size is known. */
typedef void     (*DashFitFunc)     (DashChart   *chart,
                                     double       width,
                                     double       height);
typedef void     (*DashHitFunc)     (DashChart   *chart,
                                     double       width,
                                     double       height,
                                     SegChartHit *hit);

struct _DashChart
{
  SegChartKind           kind;
  const SegResult       *result;
  const SegChartParams  *params;     /* points at params_store */
  SegChartParams         params_store;
  SegChartStyle          style;      /* highlight cleared when groups are not colour_by's */

  /* The segmentation charts are coloured by ("rules", "rfm", "kmeans"). */
  const char            *colour_by;
  const SegSegmentation *seg;        /* NULL when it did not run */

  DashToolkit            toolkit;
  union
  {
    SegBarData        bars;
    SegScatterData    scatter;
    SegBoxData        box;
    SegLineData       line;
    SegHeatData       heat;
    SegSilhouetteData silhouette;
    SegTableData      table;
    SegHistData       hist;
    SegRocData        roc;
    SegConfusionData  confusion;
  } u;
  SegKpi                *kpis;       /* DASH_TK_KPIS */
  guint                  n_kpis;
  char                  *title;      /* DASH_TK_NONE and KPIS */
  char                  *subtitle;
  char                  *why;        /* DASH_TK_NONE */

  /* Groups of the toolkit data are segments of colour_by, so hit->group
   * can be passed on for linked highlighting. */
  gboolean               linked;
  /* Heat maps: rows or columns are the segments (hit->row / hit->col). */
  gboolean               transposed;
  gpointer               extra;      /* per kind, freed with extra_free */
  GDestroyNotify         extra_free;
  DashFitFunc            fit;
  DashOverlayFunc        overlay;
  DashHitFunc            hit;

  GPtrArray             *owned;      /* everything above points into these */
};

/* Takes ownership of @p (g_free) and returns it. */
gpointer     seg_dashboard_own     (DashChart  *chart,
                                    gpointer    p);
char        *seg_dashboard_own_printf (DashChart  *chart,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (2, 3);
/* An array of @n strings, owned by @chart. */
const char **seg_dashboard_own_strv (DashChart  *chart,
                                     guint       n);

/* Formats. */
SegNumberFormat seg_dashboard_money_format (const SegChartParams *params);
SegNumberFormat seg_dashboard_count_format (void);
char        *seg_dashboard_format_money (const SegChartParams *params,
                                         double                v);
char        *seg_dashboard_format_count (double                v);
gboolean     seg_dashboard_is_money_column (const char           *name);
/* "total_spent" → "Total spend"; other names tidied ("avg_x" → "Avg x"). */
char        *seg_dashboard_pretty_column (const char           *name);

/* "Rule segments", "RFM segments", "k-means clusters". */
const char  *seg_dashboard_segmentation_label (const char *method);
/* Why @method is missing: the engine's reason when it was skipped. */
char        *seg_dashboard_not_run_reason (const SegResult *result,
                                           const char      *method);

/* The numeric customer column @name, or NULL. */
const SegColumn *seg_dashboard_numeric_column (const SegResult *result,
                                               const char      *name);
/* Index in seg_result_get_numeric_name() of the first name for which
 * @match returns TRUE, or -1. */
int          seg_dashboard_find_numeric (const SegResult *result,
                                         gboolean       (*match) (const char *name));
/* A segment's colour group: its index, or -1 for "in no segment". */
int          seg_dashboard_group_of_label (guint label);

/* The geometry of a heat map as the toolkit laid it out (found by
 * hit-testing it), for overlays. */
typedef struct
{
  double x, y;        /* top-left of the cells */
  double cell_w, cell_h;
} DashHeatGeom;

gboolean     seg_dashboard_heat_geometry (const SegHeatData   *data,
                                          const SegChartStyle *style,
                                          double               width,
                                          double               height,
                                          DashHeatGeom        *geom);

/* Builders, one per kind; each returns FALSE with @why when unavailable. */
gboolean     seg_dashboard_build_kpis   (DashChart *chart, char **why);
gboolean     seg_dashboard_build_segment_sizes (DashChart *chart, char **why);
/* SEG_CHART_CLV_BY_SEGMENT's bars (seg-dashboard-segments.c); the caller
 * checked that CLV is broken down by c->colour_by. */
gboolean seg_dashboard_build_clv_bars (DashChart *c);
gboolean     seg_dashboard_build_spend  (DashChart *chart, char **why);
gboolean     seg_dashboard_build_box    (DashChart *chart, char **why);
gboolean     seg_dashboard_build_segment_table (DashChart *chart, char **why);
gboolean     seg_dashboard_build_pca    (DashChart *chart, char **why);
gboolean     seg_dashboard_build_elbow  (DashChart *chart, char **why);
gboolean     seg_dashboard_build_silhouette_k (DashChart *chart, char **why);
gboolean     seg_dashboard_build_silhouette_plot (DashChart *chart, char **why);
gboolean     seg_dashboard_build_profile (DashChart *chart, char **why);
gboolean     seg_dashboard_build_rfm_grid (DashChart *chart, char **why);
gboolean     seg_dashboard_build_rfm_sizes (DashChart *chart, char **why);
/* seg-dashboard-churn.c */
gboolean     seg_dashboard_build_churn_by_segment (DashChart *chart, char **why);
gboolean     seg_dashboard_build_churn_hist (DashChart *chart, char **why);
gboolean     seg_dashboard_build_roc    (DashChart *chart, char **why);
gboolean     seg_dashboard_build_confusion (DashChart *chart, char **why);
gboolean     seg_dashboard_build_odds_ratios (DashChart *chart, char **why);
/* seg-dashboard-clv.c */
gboolean     seg_dashboard_build_clv_by_segment (DashChart *chart, char **why);
gboolean     seg_dashboard_build_top_clv (DashChart *chart, char **why);
gboolean     seg_dashboard_build_p_alive (DashChart *chart, char **why);
/* seg-dashboard-cohorts.c */
gboolean     seg_dashboard_build_cohorts (DashChart *chart, char **why);

/* KPI cards drawn and hit-tested here (seg-dashboard-segments.c). */
void         seg_dashboard_draw_kpis (DashChart *chart,
                                      cairo_t   *cr,
                                      double     width,
                                      double     height);
gboolean     seg_dashboard_hit_kpis (DashChart   *chart,
                                     double       width,
                                     double       height,
                                     double       x,
                                     double       y,
                                     SegChartHit *hit);

gboolean     seg_dashboard_item_kpis (DashChart   *chart,
                                      double       width,
                                      double       height,
                                      guint        i,
                                      SegChartHit *hit);

/* Segment bars shared by segment sizes and RFM sizes. */
void         seg_dashboard_fill_size_bars (DashChart             *chart,
                                           const SegSegmentation *seg,
                                           const char            *subtitle);
void         seg_dashboard_size_bars_hit (DashChart   *chart,
                                          double       width,
                                          double       height,
                                          SegChartHit *hit);

void     seg_dashboard_table_fit (DashChart *c,
                                  double     width,
                                  double     height,
                                  double     head_lines,
                                  double     row_lines);

G_END_DECLS
