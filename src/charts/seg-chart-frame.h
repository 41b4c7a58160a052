/* seg-chart-frame.h — title, legend, axis titles, plot area and axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-axis.h"
#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

#define SEG_CHART_MAX_LEGEND 64

typedef enum
{
  SEG_LEGEND_SQUARE,
  SEG_LEGEND_CIRCLE,
  SEG_LEGEND_LINE,
} SegLegendMark;

/* The texts around a chart.  All strings are borrowed; NULL = none. */
typedef struct
{
  const char         *title;
  const char         *subtitle;
  const char         *x_label;
  const char         *y_label;
  guint               n_legend;
  const char *const  *legend;         /* n_legend labels */
  const int          *legend_groups;  /* colour group per entry; NULL = 0, 1, … */
  SegLegendMark       legend_mark;
} SegChartFrame;

/* Where everything goes for one size.  Computed by seg_chart_layout_frame();
 * the chart then narrows @inner to @plot for its tick labels. */
typedef struct
{
  double  width, height;
  double  margin;
  double  title_y, subtitle_y;      /* tops of the title lines */
  SegRect inner;                    /* room for axes and plot */
  SegRect plot;                     /* the data area */
  guint   n_legend;                 /* entries laid out */
  guint   legend_hidden;            /* entries that did not fit */
  SegRect legend_rects[SEG_CHART_MAX_LEGEND];
  int     legend_group[SEG_CHART_MAX_LEGEND];
  int     legend_entry[SEG_CHART_MAX_LEGEND];
  SegRect legend_more;              /* "+N more" note */
  double  y_label_x;                /* left edge of the rotated y-axis title */
} SegChartLayout;

void     seg_chart_layout_frame  (SegChartLayout      *layout,
                                  const SegChartFrame *frame,
                                  const SegChartStyle *style,
                                  double               width,
                                  double               height);

/* Background, titles, legend, axis titles (placed by layout->plot). */
void     seg_chart_frame_draw    (cairo_t              *cr,
                                  const SegChartLayout *layout,
                                  const SegChartFrame  *frame,
                                  const SegChartStyle  *style);

/* A legend entry under (@x, @y): @hit gets kind LEGEND, its group and entry. */
gboolean seg_chart_layout_hit_legend (const SegChartLayout *layout,
                                      const SegChartFrame  *frame,
                                      double                x,
                                      double                y,
                                      SegChartHit          *hit);

/* A centred "No data" (or @message) note in the plot area. */
void     seg_chart_frame_draw_empty (cairo_t              *cr,
                                     const SegChartLayout *layout,
                                     const SegChartStyle  *style,
                                     const char           *message);

/* Ticks wished for an axis @length long. */
guint    seg_chart_frame_target_ticks (const SegChartStyle *style,
                                       double               length,
                                       gboolean             vertical);

/* Width of the widest tick label of @axis (for the left margin). */
double   seg_chart_frame_tick_labels_width (const SegAxis         *axis,
                                            const SegNumberFormat *fmt,
                                            const SegChartStyle   *style);

/* Gap between tick labels and the plot. */
double   seg_chart_frame_tick_gap (const SegChartStyle *style);

/* A value axis on the left (@vertical) or at the bottom of @plot, with
 * gridlines across the plot; bottom labels are thinned when they collide. */
void     seg_chart_frame_draw_value_axis (cairo_t               *cr,
                                          const SegRect         *plot,
                                          const SegAxis         *axis,
                                          const SegNumberFormat *fmt,
                                          const SegChartStyle   *style,
                                          gboolean               vertical);

/* How category labels along the bottom fit their slots. */
typedef struct
{
  double angle;       /* 0 or −π/4 */
  guint  every;       /* draw every n-th label */
  double max_width;   /* wrap at this width */
  int    lines;       /* at most this many lines each; only more is ellipsized */
  double extent;      /* height they need below the plot */
} SegCategoryFit;

void     seg_chart_frame_fit_categories (const SegChartStyle *style,
                                         const char *const   *labels,
                                         guint                n,
                                         double               slot_width,
                                         double               max_extent,
                                         SegCategoryFit      *fit);

/* Sets layout->plot for a chart with category labels along the bottom:
 * @left_used is taken by tick labels; rotated labels get room on the left. */
void     seg_chart_layout_plot_with_categories (SegChartLayout      *layout,
                                                const SegChartStyle *style,
                                                const char *const   *labels,
                                                guint                n,
                                                double               left_used,
                                                SegCategoryFit      *fit);

/* Draws @labels centred on slots of @plot (bottom edge). */
void     seg_chart_frame_draw_categories (cairo_t              *cr,
                                          const SegChartStyle  *style,
                                          const SegRect        *plot,
                                          const char *const    *labels,
                                          guint                 n,
                                          const SegCategoryFit *fit);

G_END_DECLS
