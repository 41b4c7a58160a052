/* seg-chart-hit.h — rectangles and hit-test results shared by the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} SegRect;

gboolean seg_rect_contains (const SegRect *rect,
                            double         x,
                            double         y);

typedef enum
{
  SEG_CHART_HIT_NONE,
  SEG_CHART_HIT_ITEM,    /* a bar, point, box, cell, row, curve point… */
  SEG_CHART_HIT_LEGEND,  /* a legend entry: click to highlight its group */
} SegChartHitKind;

/* What is under the pointer.  Initialise with SEG_CHART_HIT_INIT (or
 * g_auto(SegChartHit)), release with seg_chart_hit_clear(). */
typedef struct
{
  SegChartHitKind kind;
  int             index;    /* item index in the chart's input arrays, or -1 */
  int             group;    /* segment / cluster / series of the item, or -1 */
  int             row;      /* heat map and table cells, or -1 */
  int             col;
  double          x, y;     /* where a tooltip should point (user space) */
  char           *tooltip;  /* owned; plain text, may contain newlines */
  SegRect         area;     /* the item's extent for a keyboard focus ring;
                               zero size = only the point (x, y) is known */
} SegChartHit;

#define SEG_CHART_HIT_INIT { SEG_CHART_HIT_NONE, -1, -1, -1, -1, 0.0, 0.0, NULL, { 0, 0, 0, 0 } }

void seg_chart_hit_clear (SegChartHit *hit);

/* Fills @hit (clearing it first); takes ownership of @tooltip. */
void seg_chart_hit_set   (SegChartHit     *hit,
                          SegChartHitKind  kind,
                          int              index,
                          int              group,
                          double           x,
                          double           y,
                          char            *tooltip);

/* Keyboard access to a chart's items.  Each toolkit has
 * seg_chart_item_<kind> (width, height, data, style, i, hit): item @i
 * (bars, boxes, points, cells, rows, bins… in reading order) hit-tested at
 * its centre, so that its text is the tooltip the pointer would show there,
 * with hit->area set.  They return FALSE when there is no item @i, and TRUE
 * with hit->kind SEG_CHART_HIT_NONE for an item that is not drawn (a
 * missing value). */

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SegChartHit, seg_chart_hit_clear)

G_END_DECLS
