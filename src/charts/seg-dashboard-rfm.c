/* seg-dashboard-rfm.c — the R×F grid and the RFM segment sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid is the toolkit's sequential heat map (colour = customers per
 * cell) with recency high at the top; the text in the cells (segment name,
 * customers, average spend) and the borders between segments are drawn
 * here on top, so they can adapt to the room a cell has.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-dashboard-private.h"

typedef struct
{
  guint                  bins;
  const SegRfmMap       *map;
  const SegSegmentation *rfm;
  guint                 *counts;     /* by display cell: row (R high first) × F */
  double                *monetary;
  int                   *segment;    /* RFM segment index per display cell */
} RfmGrid;

static void
rfm_grid_free (gpointer p)
{
  RfmGrid *g = p;

  g_free (g->counts);
  g_free (g->monetary);
  g_free (g->segment);
  g_free (g);
}

static gboolean
rfm_linked (const DashChart *c)
{
  return g_strcmp0 (c->colour_by, "rfm") == 0 && c->seg != NULL;
}

static const SegSegmentation *
need_rfm (DashChart *c,
          char     **why)
{
  const SegSegmentation *rfm = seg_result_get_rfm (c->result);

  if (rfm != NULL && seg_result_get_rfm_scores (c->result) != NULL &&
      seg_result_get_rfm_map (c->result) != NULL)
    return rfm;
  *why = seg_dashboard_not_run_reason (c->result, "rfm");
  return NULL;
}

static const char *
rfm_method_text (SegRfmMethod method)
{
  switch (method)
    {
    case SEG_RFM_METHOD_QCUT: return _("quantile edges");
    case SEG_RFM_METHOD_RANK_FIRST: return _("quantiles of ranks");
    case SEG_RFM_METHOD_NTILE:
    default: return _("ranked (NTILE)");
    }
}

/* Display row @row is R = bins − row; column @col is F = col + 1. */
static const char *
cell_name (const RfmGrid *g,
           guint          row,
           guint          col)
{
  return seg_rfm_map_get_name (g->map, g->bins - row, col + 1);
}

static int
segment_index (const SegSegmentation *rfm,
               const char            *name)
{
  for (guint s = 0; s < rfm->n_segments; s++)
    if (g_strcmp0 (rfm->segments[s].name, name) == 0)
      return (int) s;
  return -1;
}

static RfmGrid *
rfm_grid_new (const DashChart       *c,
              const SegSegmentation *rfm)
{
  const SegRfmScores *sc = seg_result_get_rfm_scores (c->result);
  const SegColumn *mon = seg_dashboard_numeric_column (c->result, "total_spent");
  RfmGrid *g = g_new0 (RfmGrid, 1);
  guint b = sc->bins;
  g_autofree guint *counts = g_new0 (guint, b * b);
  g_autofree double *means = g_new0 (double, b * b);

  g->bins = b;
  g->map = seg_result_get_rfm_map (c->result);
  g->rfm = rfm;
  g->counts = g_new0 (guint, b * b);
  g->monetary = g_new0 (double, b * b);
  g->segment = g_new0 (int, b * b);
  if (mon != NULL)
    seg_rfm_cell_stats (sc, mon->num, counts, means);
  for (guint row = 0; row < b; row++)
    for (guint col = 0; col < b; col++)
      {
        guint src = (b - row - 1) * b + col;
        g->counts[row * b + col] = counts[src];
        g->monetary[row * b + col] = mon != NULL ? means[src] : NAN;
        g->segment[row * b + col] = segment_index (rfm, cell_name (g, row, col));
      }
  return g;
}

/* ----------------------------------------------------------- overlay */

static void
draw_borders (DashChart          *c,
              cairo_t            *cr,
              const RfmGrid      *g,
              const DashHeatGeom *geom)
{
  guint b = g->bins;

  seg_chart_text_set_color (cr, c->style.foreground);
  cairo_set_line_width (cr, seg_chart_style_px (&c->style, 2.5));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint row = 0; row < b; row++)
    for (guint col = 0; col < b; col++)
      {
        double x = geom->x + col * geom->cell_w, y = geom->y + row * geom->cell_h;
        if (col + 1 < b && g->segment[row * b + col] != g->segment[row * b + col + 1])
          {
            cairo_move_to (cr, x + geom->cell_w, y);
            cairo_line_to (cr, x + geom->cell_w, y + geom->cell_h);
          }
        if (row + 1 < b && g->segment[row * b + col] != g->segment[(row + 1) * b + col])
          {
            cairo_move_to (cr, x, y + geom->cell_h);
            cairo_line_to (cr, x + geom->cell_w, y + geom->cell_h);
          }
      }
  cairo_stroke (cr);
}

/* Name, customers and average spend, as many lines as the cell holds;
 * larger type when the cells are large (exports, presentation). */
static void
draw_cell_text (DashChart          *c,
                cairo_t            *cr,
                const RfmGrid      *g,
                const DashHeatGeom *geom,
                guint               idx)
{
  const SegChartStyle *st = &c->style;
  double pad = seg_chart_style_px (st, 4), w = geom->cell_w - 2 * pad;
  double big = seg_chart_text_line_height (st, SEG_TEXT_TITLE) + 2 * seg_chart_text_line_height (st, SEG_TEXT_BODY);
  gboolean large = geom->cell_h >= big + 6 * pad && w >= seg_chart_style_px (st, 150);
  SegTextRole name_role = large ? SEG_TEXT_BODY : SEG_TEXT_SMALL;
  SegTextRole count_role = large ? SEG_TEXT_TITLE : SEG_TEXT_BOLD;
  double lh = seg_chart_text_line_height (st, count_role), lh2 = seg_chart_text_line_height (st, name_role);
  double x = geom->x + (idx % g->bins + 0.5) * geom->cell_w;
  double top = geom->y + (idx / g->bins) * geom->cell_h;
  SegRgba ink = seg_rgba_text_on (seg_chart_heatmap_color (&c->u.heat, st, c->u.heat.values[idx]));
  g_autofree char *count = seg_dashboard_format_count (g->counts[idx]);
  g_autofree char *money = g->counts[idx] ? seg_dashboard_format_money (c->params, g->monetary[idx]) : NULL;
  const char *name = cell_name (g, idx / g->bins, idx % g->bins);
  gboolean too_wide = FALSE;
  int name_lines = name != NULL ? seg_chart_text_count_lines (st, name_role, name, w, &too_wide) : 0;
  double avail = geom->cell_h - 2 * pad, y, block;
  gboolean show_name, show_money;

  if (geom->cell_h < lh || seg_chart_text_width (st, count_role, count) > w)
    return;
  /* The name wraps (never cut) when the cell holds its lines; the money
   * line goes first when room is short, then the name (the tooltip says
   * both). */
  name_lines = MIN (name_lines, 3);
  show_name = name != NULL && !too_wide && name_lines * lh2 + lh <= avail;
  show_money = money != NULL && (show_name ? name_lines * lh2 : 0) + lh + lh2 <= avail;
  if (!show_name && name != NULL && !too_wide && money != NULL)
    show_money = FALSE;
  block = (show_name ? name_lines * lh2 : 0) + lh + (show_money ? lh2 : 0);
  y = top + (geom->cell_h - block) / 2;
  if (show_name)
    {
      g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (st, name_role, name, w, name_lines,
                                                                 PANGO_ALIGN_CENTER);
      seg_chart_text_draw_layout (cr, pl, x, y, 0.5, 0, 0, ink);
      y += name_lines * lh2;
    }
  seg_chart_text_draw (cr, st, count_role, count, x, y, 0.5, 0, w, ink);
  if (show_money)
    seg_chart_text_draw (cr, st, name_role, money, x, y + lh, 0.5, 0, w, ink);
}

static void
rfm_overlay (DashChart *c,
             cairo_t   *cr,
             double     width,
             double     height)
{
  const RfmGrid *g = c->extra;
  DashHeatGeom geom;
  int hl = c->style.highlight_group;
  guint n = g->bins * g->bins;

  if (!seg_dashboard_heat_geometry (&c->u.heat, &c->style, width, height, &geom))
    return;
  for (guint idx = 0; idx < n; idx++)
    draw_cell_text (c, cr, g, &geom, idx);
  if (hl >= 0)
    {
      SegRgba veil = c->style.background;
      veil.a = c->style.fade;
      seg_chart_text_set_color (cr, veil);
      for (guint idx = 0; idx < n; idx++)
        if (g->segment[idx] != hl)
          cairo_rectangle (cr, geom.x + (idx % g->bins) * geom.cell_w,
                           geom.y + (idx / g->bins) * geom.cell_h, geom.cell_w, geom.cell_h);
      cairo_fill (cr);
    }
  draw_borders (c, cr, g, &geom);
}

/* "Champions\nR 5 · F 4: 23 customers (11.5%)\nAverage spend 12.3k" */
static void
rfm_hit (DashChart   *c,
         double       width,
         double       height,
         SegChartHit *hit)
{
  const RfmGrid *g = c->extra;
  guint idx;
  gsize scored = seg_result_get_rfm_scores (c->result)->n_scored;
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *money = NULL;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (guint) hit->index >= g->bins * g->bins)
    return;
  idx = (guint) hit->index;
  hit->group = g->segment[idx];
  count = seg_dashboard_format_count (g->counts[idx]);
  share = seg_format_percent (scored ? (double) g->counts[idx] / scored : NAN, 1);
  money = seg_dashboard_format_money (c->params, g->monetary[idx]);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("%s\nR %u · F %u: %s customers (%s of buyers)\nAverage spend %s"),
                                  cell_name (g, idx / g->bins, idx % g->bins),
                                  g->bins - idx / g->bins, idx % g->bins + 1, count, share, money);
}

gboolean
seg_dashboard_build_rfm_grid (DashChart *c,
                              char     **why)
{
  const SegSegmentation *rfm = need_rfm (c, why);
  SegHeatData *d = &c->u.heat;
  RfmGrid *g;
  const char **rows, **cols, **blank;
  double *values;
  guint b;

  if (rfm == NULL)
    return FALSE;
  g = rfm_grid_new (c, rfm);
  c->extra = g;
  c->extra_free = rfm_grid_free;
  b = g->bins;
  rows = seg_dashboard_own_strv (c, b);
  cols = seg_dashboard_own_strv (c, b);
  blank = seg_dashboard_own_strv (c, b * b);
  values = seg_dashboard_own (c, g_new (double, b * b));
  for (guint i = 0; i < b; i++)
    {
      rows[i] = seg_dashboard_own_printf (c, "R %u", b - i);
      cols[i] = seg_dashboard_own_printf (c, "F %u", i + 1);
    }
  for (guint i = 0; i < b * b; i++)
    {
      values[i] = g->counts[i];
      blank[i] = "";
    }
  c->toolkit = DASH_TK_HEAT;
  c->linked = rfm_linked (c);
  c->overlay = rfm_overlay;
  c->hit = rfm_hit;
  d->title = seg_chart_kind_title (SEG_CHART_RFM_GRID);
  d->subtitle = seg_dashboard_own_printf (c, _("Customers and average spend per cell · %s scores, %s · lines separate segments"),
                                          seg_dashboard_own_printf (c, "%u × %u", b, b),
                                          rfm_method_text (seg_result_get_rfm_scores (c->result)->method));
  d->x_label = seg_dashboard_own_printf (c, _("Frequency score (%u = most purchases)"), b);
  d->y_label = seg_dashboard_own_printf (c, _("Recency score (%u = most recent)"), b);
  d->n_rows = b;
  d->n_cols = b;
  d->row_labels = rows;
  d->col_labels = cols;
  d->values = values;
  d->cell_text = blank;   /* the overlay writes the cells */
  d->format = seg_dashboard_count_format ();
  d->scale = SEG_HEAT_SEQUENTIAL;
  d->scale_label = _("Customers");
  return TRUE;
}

gboolean
seg_dashboard_build_rfm_sizes (DashChart *c,
                               char     **why)
{
  const SegSegmentation *rfm = need_rfm (c, why);
  const SegRfmScores *sc;
  g_autofree char *bought = NULL;
  g_autofree char *all = NULL;

  if (rfm == NULL)
    return FALSE;
  sc = seg_result_get_rfm_scores (c->result);
  bought = seg_dashboard_format_count ((double) sc->n_scored);
  all = seg_dashboard_format_count ((double) sc->n);
  c->linked = rfm_linked (c);
  seg_dashboard_fill_size_bars (c, rfm, seg_dashboard_own_printf (c, _("%u bins, %s · %s of %s customers bought"),
                                                                  sc->bins, rfm_method_text (sc->method), bought, all));
  return TRUE;
}
