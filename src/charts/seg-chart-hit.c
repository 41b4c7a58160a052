/* seg-chart-hit.c — rectangles and hit-test results shared by the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-hit"

#include "config.h"

#include "seg-chart-hit.h"

gboolean
seg_rect_contains (const SegRect *rect,
                   double         x,
                   double         y)
{
  g_return_val_if_fail (rect != NULL, FALSE);

  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

void
seg_chart_hit_clear (SegChartHit *hit)
{
  g_return_if_fail (hit != NULL);

  g_clear_pointer (&hit->tooltip, g_free);
  hit->kind = SEG_CHART_HIT_NONE;
  hit->index = hit->group = hit->row = hit->col = -1;
  hit->x = hit->y = 0;
  hit->area = (SegRect) { 0, 0, 0, 0 };
}

void
seg_chart_hit_set (SegChartHit     *hit,
                   SegChartHitKind  kind,
                   int              index,
                   int              group,
                   double           x,
                   double           y,
                   char            *tooltip)
{
  g_return_if_fail (hit != NULL);

  seg_chart_hit_clear (hit);
  hit->kind = kind;
  hit->index = index;
  hit->group = group;
  hit->x = x;
  hit->y = y;
  hit->tooltip = tooltip;
}
