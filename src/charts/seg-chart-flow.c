/* seg-chart-flow.c — segment migration as a flow (alluvial) chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-flow"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-flow.h"
#include "seg-chart-frame.h"
#include "seg-chart-text.h"
#include "seg-format.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  double         x0, x1;       /* inner edges of the left and right bars */
  double         bar_w;
  double         unit;         /* height per customer */
  double        *from_y;       /* n_from tops */
  double        *to_y;         /* n_to tops */
  guint         *from_total;
  guint         *to_total;
  double         label_w;
} FlowGeom;

static void
flow_geom_clear (FlowGeom *g)
{
  g_free (g->from_y);
  g_free (g->to_y);
  g_free (g->from_total);
  g_free (g->to_total);
}

static char *
node_label (const char *name,
            guint       count)
{
  g_autofree char *n = seg_format_integer (count);
  return g_strdup_printf ("%s  %s", name, n);
}

static void
flow_layout (FlowGeom            *g,
             double               width,
             double               height,
             const SegFlowData   *d,
             const SegChartStyle *style)
{
  double gap = seg_chart_style_px (style, 6), total = 0, avail, head;
  guint shown_from = 0, shown_to = 0;

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { d->title, d->subtitle, NULL, NULL, 0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  g->from_total = g_new0 (guint, MAX (d->n_from, 1));
  g->to_total = g_new0 (guint, MAX (d->n_to, 1));
  g->from_y = g_new0 (double, MAX (d->n_from, 1));
  g->to_y = g_new0 (double, MAX (d->n_to, 1));
  for (guint a = 0; a < d->n_from; a++)
    for (guint b = 0; b < d->n_to; b++)
      {
        guint c = d->counts[(gsize) a * d->n_to + b];
        g->from_total[a] += c;
        g->to_total[b] += c;
        total += c;
      }
  for (guint a = 0; a < d->n_from; a++)
    {
      g_autofree char *l = node_label (d->from_names[a], g->from_total[a]);
      shown_from += g->from_total[a] > 0;
      g->label_w = MAX (g->label_w, seg_chart_text_width (style, SEG_TEXT_SMALL, l));
    }
  for (guint b = 0; b < d->n_to; b++)
    {
      g_autofree char *l = node_label (d->to_names[b], g->to_total[b]);
      shown_to += g->to_total[b] > 0;
      g->label_w = MAX (g->label_w, seg_chart_text_width (style, SEG_TEXT_SMALL, l));
    }
  g->label_w = MIN (g->label_w, g->lay.inner.width * 0.28);
  g->bar_w = seg_chart_style_px (style, 14);
  head = seg_chart_text_line_height (style, SEG_TEXT_BOLD) + gap;
  g->x0 = g->lay.inner.x + g->label_w + gap + g->bar_w;
  g->x1 = g->lay.inner.x + g->lay.inner.width - g->label_w - gap - g->bar_w;
  avail = g->lay.inner.height - head - gap * MAX (MAX (shown_from, shown_to), 1);
  g->unit = total > 0 ? MAX (avail, 1) / total : 0;
  g->lay.plot = (SegRect) { g->x0, g->lay.inner.y + head, MAX (g->x1 - g->x0, 1), g->lay.inner.height - head };
  {
    double y = g->lay.plot.y;
    for (guint a = 0; a < d->n_from; a++)
      {
        g->from_y[a] = y;
        if (g->from_total[a] > 0)
          y += g->from_total[a] * g->unit + gap;
      }
    y = g->lay.plot.y;
    for (guint b = 0; b < d->n_to; b++)
      {
        g->to_y[b] = y;
        if (g->to_total[b] > 0)
          y += g->to_total[b] * g->unit + gap;
      }
  }
}

/* The colour of segment @name: the same name gets the same colour on both
 * sides; "(new)" and "(gone)" are grey. */
static SegRgba
node_color (const SegChartStyle *style,
            const SegFlowData   *d,
            const char          *name)
{
  if (name[0] == '(')
    return style->muted;
  for (guint a = 0; a < d->n_from; a++)
    if (g_str_equal (d->from_names[a], name))
      return seg_chart_style_group_color (style, (int) a);
  for (guint b = 0; b < d->n_to; b++)
    if (g_str_equal (d->to_names[b], name))
      return seg_chart_style_group_color (style, (int) (d->n_from + b));
  return style->muted;
}

static void
band_path (cairo_t *cr,
           double   x0,
           double   y0,
           double   x1,
           double   y1,
           double   h)
{
  double mx = (x0 + x1) / 2;

  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, mx, y0, mx, y1, x1, y1);
  cairo_line_to (cr, x1, y1 + h);
  cairo_curve_to (cr, mx, y1 + h, mx, y0 + h, x0, y0 + h);
  cairo_close_path (cr);
}

/* Walks the bands in drawing order; @fn returns TRUE to stop. */
typedef gboolean (*BandFunc) (guint a, guint b, double y0, double y1, double h, gpointer data);

static void
each_band (const FlowGeom    *g,
           const SegFlowData *d,
           BandFunc           fn,
           gpointer           user_data)
{
  g_autofree double *to_off = g_new0 (double, MAX (d->n_to, 1));

  for (guint a = 0; a < d->n_from; a++)
    {
      double off = 0;
      for (guint b = 0; b < d->n_to; b++)
        {
          guint c = d->counts[(gsize) a * d->n_to + b];
          double h = c * g->unit;
          if (c == 0)
            continue;
          if (fn (a, b, g->from_y[a] + off, g->to_y[b] + to_off[b], h, user_data))
            return;
          off += h;
          to_off[b] += h;
        }
    }
}

typedef struct
{
  cairo_t             *cr;
  const FlowGeom      *g;
  const SegFlowData   *d;
  const SegChartStyle *style;
} DrawCtx;

static gboolean
draw_band (guint    a,
           guint    b,
           double   y0,
           double   y1,
           double   h,
           gpointer data)
{
  DrawCtx *c = data;
  SegRgba col = node_color (c->style, c->d, c->d->from_names[a]);
  gboolean stayed = g_str_equal (c->d->from_names[a], c->d->to_names[b]);

  col.a = stayed ? 0.22 : 0.6;
  seg_chart_text_set_color (c->cr, col);
  band_path (c->cr, c->g->x0, y0, c->g->x1, y1, MAX (h, 0.5));
  cairo_fill (c->cr);
  return FALSE;
}

void
seg_chart_flow_draw (cairo_t             *cr,
                     double               width,
                     double               height,
                     const SegFlowData   *d,
                     const SegChartStyle *style)
{
  FlowGeom g;
  DrawCtx ctx = { cr, &g, d, style };
  double gap;
  guint total = 0;

  flow_layout (&g, width, height, d, style);
  gap = seg_chart_style_px (style, 6);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  for (guint a = 0; a < d->n_from; a++)
    total += g.from_total[a];
  if (total == 0)
    {
      seg_chart_frame_draw_empty (cr, &g.lay, style, _("No customers to compare"));
      cairo_restore (cr);
      flow_geom_clear (&g);
      return;
    }
  seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, d->from_label ? d->from_label : _("Saved analysis"),
                       g.x0 - g.bar_w, g.lay.inner.y, 0, 0, g.lay.inner.width / 2, style->foreground);
  seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, d->to_label ? d->to_label : _("New data"),
                       g.x1 + g.bar_w, g.lay.inner.y, 1, 0, g.lay.inner.width / 2, style->foreground);
  each_band (&g, d, draw_band, &ctx);
  for (guint a = 0; a < d->n_from; a++)
    {
      g_autofree char *l = NULL;
      double h = g.from_total[a] * g.unit;
      if (g.from_total[a] == 0)
        continue;
      seg_chart_text_set_color (cr, node_color (style, d, d->from_names[a]));
      cairo_rectangle (cr, g.x0 - g.bar_w, g.from_y[a], g.bar_w, MAX (h, 1));
      cairo_fill (cr);
      l = node_label (d->from_names[a], g.from_total[a]);
      seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, l, g.x0 - g.bar_w - gap, g.from_y[a] + h / 2, 1, 0.5,
                           g.label_w, style->foreground);
    }
  for (guint b = 0; b < d->n_to; b++)
    {
      g_autofree char *l = NULL;
      double h = g.to_total[b] * g.unit;
      if (g.to_total[b] == 0)
        continue;
      seg_chart_text_set_color (cr, node_color (style, d, d->to_names[b]));
      cairo_rectangle (cr, g.x1, g.to_y[b], g.bar_w, MAX (h, 1));
      cairo_fill (cr);
      l = node_label (d->to_names[b], g.to_total[b]);
      seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, l, g.x1 + g.bar_w + gap, g.to_y[b] + h / 2, 0, 0.5,
                           g.label_w, style->foreground);
    }
  cairo_restore (cr);
  flow_geom_clear (&g);
}

typedef struct
{
  const FlowGeom    *g;
  const SegFlowData *d;
  double             x, y;
  SegChartHit       *hit;
  gboolean           found;
} HitCtx;

static gboolean
hit_band (guint    a,
          guint    b,
          double   y0,
          double   y1,
          double   h,
          gpointer data)
{
  HitCtx *c = data;
  double t = (c->x - c->g->x0) / MAX (c->g->x1 - c->g->x0, 1);
  /* the band's centre line follows the same smoothstep as its Bézier edges, closely enough to pick */
  double s = t * t * (3 - 2 * t);
  double top = y0 + (y1 - y0) * s;

  if (c->y >= top && c->y <= top + MAX (h, 2))
    {
      g_autofree char *n = seg_format_integer (c->d->counts[(gsize) a * c->d->n_to + b]);
      g_autofree char *tip = g_strdup_printf (_("%s → %s\n%s customers"), c->d->from_names[a],
                                              c->d->to_names[b], n);
      seg_chart_hit_set (c->hit, SEG_CHART_HIT_ITEM, (int) b, (int) a, c->x, c->y, g_steal_pointer (&tip));
      c->found = TRUE;
      return TRUE;
    }
  return FALSE;
}

gboolean
seg_chart_flow_hit (double               width,
                    double               height,
                    const SegFlowData   *d,
                    const SegChartStyle *style,
                    double               x,
                    double               y,
                    SegChartHit         *hit)
{
  FlowGeom g;
  HitCtx ctx = { &g, d, x, y, hit, FALSE };

  flow_layout (&g, width, height, d, style);
  if (x >= g.x0 && x <= g.x1)
    each_band (&g, d, hit_band, &ctx);
  flow_geom_clear (&g);
  return ctx.found;
}
