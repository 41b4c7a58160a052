/* seg-chart-table.c — a segment summary table drawn with cairo (exports, PDF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-table.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  double        *col_x;     /* n_cols + 1 edges */
  double         row_h;
  double         header_h;
  double         swatch_w;
  double         pad;        /* left and right padding in a cell */
  guint          rows_shown;
  gboolean       squeezed;   /* even wrapped, the columns did not fit */
} TableGeom;

static const char *
cell (const SegTableData *data,
      guint               r,
      guint               c)
{
  const char *s = data->cells[(gsize) r * data->n_cols + c];
  return s != NULL ? s : "";
}

static gboolean
is_numeric (const SegTableData *data,
            guint               c)
{
  return data->numeric != NULL ? data->numeric[c] : c > 0;
}

/* The widest word of @text: a column narrower than that cuts a word. */
static double
widest_word (const SegChartStyle *style,
             SegTextRole          role,
             const char          *text)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    w = MAX (w, seg_chart_text_width (style, role, words[i]));
  return w;
}

/* Natural widths.  When space is short the padding shrinks first, then
 * headers and text columns wrap down to their widest word (numbers stay
 * whole); only a table that cannot fit even so is squeezed. */
static void
table_columns (TableGeom           *g,
               const SegTableData  *data,
               const SegChartStyle *style)
{
  guint nc = data->n_cols;
  g_autofree double *w = g_new0 (double, MAX (nc, 1));
  g_autofree double *least = g_new0 (double, MAX (nc, 1));
  double total = 0, slack = 0, avail;

  g->pad = seg_chart_style_px (style, 14);
  for (guint c = 0; c < nc; c++)
    {
      const char *header = data->headers != NULL ? data->headers[c] : "";

      w[c] = seg_chart_text_width (style, SEG_TEXT_BOLD, header);
      least[c] = widest_word (style, SEG_TEXT_BOLD, header);
      for (guint r = 0; r < data->n_rows; r++)
        {
          double cw = seg_chart_text_width (style, SEG_TEXT_BODY, cell (data, r, c));
          w[c] = MAX (w[c], cw);
          least[c] = MAX (least[c], is_numeric (data, c) ? cw : widest_word (style, SEG_TEXT_BODY,
                                                                             cell (data, r, c)));
        }
      total += w[c];
      slack += w[c] - least[c];
    }
  avail = g->lay.inner.width - g->swatch_w;
  if (total + 2 * g->pad * nc > avail)
    g->pad = MAX ((avail - total) / (2.0 * MAX (nc, 1u)), seg_chart_style_px (style, 4));
  avail -= 2 * g->pad * nc;
  if (total > avail && slack > 0)
    {
      /* Wrap: each column gives up a share of what it can spare. */
      double cut = MIN (total - avail, slack);
      for (guint c = 0; c < nc; c++)
        w[c] -= cut * (w[c] - least[c]) / slack;
      total -= cut;
    }
  g->squeezed = total > avail + 0.5;
  if (total > avail && total > 0)
    for (guint c = 0; c < nc; c++)
      w[c] *= MAX (avail, 1.0) / total;
  g->col_x = g_new (double, nc + 1);
  g->col_x[0] = g->lay.inner.x + g->swatch_w;
  for (guint c = 0; c < nc; c++)
    g->col_x[c + 1] = g->col_x[c] + MAX (w[c] + 2 * g->pad, 1.0);
}

/* Lines the widest wrapped header (@header) or cell needs (at most 3). */
static int
wrapped_lines (const TableGeom     *g,
               const SegTableData  *data,
               const SegChartStyle *style,
               gboolean             header)
{
  int lines = 1;

  for (guint c = 0; c < data->n_cols; c++)
    {
      double cw = g->col_x[c + 1] - g->col_x[c] - 2 * g->pad;
      if (header && data->headers != NULL)
        lines = MAX (lines, seg_chart_text_count_lines (style, SEG_TEXT_BOLD, data->headers[c], cw, NULL));
      for (guint r = 0; !header && r < data->n_rows; r++)
        lines = MAX (lines, seg_chart_text_count_lines (style, SEG_TEXT_BODY, cell (data, r, c), cw, NULL));
    }
  return MIN (lines, 3);
}

static void
table_layout (TableGeom           *g,
              double               width,
              double               height,
              const SegTableData  *data,
              const SegChartStyle *style)
{
  double lh = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double avail;

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { data->title, data->subtitle, NULL, NULL, 0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  g->swatch_w = data->row_groups != NULL ? seg_chart_style_px (style, 14) : 0;
  table_columns (g, data, style);
  g->row_h = lh * (0.9 + wrapped_lines (g, data, style, FALSE));
  g->header_h = lh * (1.1 + wrapped_lines (g, data, style, TRUE));
  avail = g->lay.inner.height - g->header_h;
  g->rows_shown = (guint) MAX (floor (avail / g->row_h), 0);
  if (g->rows_shown < data->n_rows && g->rows_shown > 0)
    g->rows_shown--;   /* room for the "more rows" note */
  g->rows_shown = MIN (g->rows_shown, data->n_rows);
  if (data->fill && g->rows_shown == data->n_rows && data->n_rows > 0)
    {
      /* on a slide the rows share the card's height, up to four lines
       * each, so that the table fills the card rather than its top */
      double spare = avail - data->n_rows * g->row_h;
      if (spare > 0)
        g->row_h += MIN (spare / data->n_rows, MAX (4 * lh - g->row_h, 0));
    }
  g->lay.plot = (SegRect) { g->lay.inner.x, g->lay.inner.y, g->col_x[data->n_cols] - g->lay.inner.x,
                            g->header_h + g->rows_shown * g->row_h };
}

static void
draw_cell_text (cairo_t             *cr,
                const TableGeom     *g,
                const SegTableData  *data,
                const SegChartStyle *style,
                SegTextRole          role,
                const char          *text,
                guint                c,
                double               cy,
                SegRgba              color)
{
  double x0 = g->col_x[c] + g->pad, x1 = g->col_x[c + 1] - g->pad;
  g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, role, text, MAX (x1 - x0, 1.0), 3,
                                                             is_numeric (data, c) ? PANGO_ALIGN_RIGHT
                                                                            : PANGO_ALIGN_LEFT);

  if (is_numeric (data, c))
    seg_chart_text_draw_layout (cr, pl, x1, cy, 1, 0.5, 0, color);
  else
    seg_chart_text_draw_layout (cr, pl, x0, cy, 0, 0.5, 0, color);
}

static void
draw_rows (cairo_t             *cr,
           const TableGeom     *g,
           const SegTableData  *data,
           const SegChartStyle *style)
{
  double x0 = g->lay.inner.x, x1 = g->col_x[data->n_cols];

  for (guint r = 0; r < g->rows_shown; r++)
    {
      double y = g->lay.plot.y + g->header_h + r * g->row_h;
      int grp = data->row_groups != NULL ? data->row_groups[r] : -1;
      gboolean faded = data->row_groups != NULL && seg_chart_style_is_faded (style, grp);
      SegRgba ink = faded ? seg_rgba_mix (style->foreground, style->background, 0.6) : style->foreground;

      if (r % 2 == 1)
        {
          seg_chart_text_set_color (cr, seg_rgba_mix (style->background, style->foreground, 0.035));
          cairo_rectangle (cr, x0, y, x1 - x0, g->row_h);
          cairo_fill (cr);
        }
      if (data->row_groups != NULL)
        {
          double s = seg_chart_style_px (style, 8);
          seg_chart_text_set_color (cr, seg_chart_style_series_color (style, grp));
          cairo_rectangle (cr, x0 + 1, y + (g->row_h - s) / 2, s, s);
          cairo_fill (cr);
        }
      for (guint c = 0; c < data->n_cols; c++)
        draw_cell_text (cr, g, data, style, SEG_TEXT_BODY, cell (data, r, c), c,
                        y + g->row_h / 2, ink);
    }
}

void
seg_chart_table_draw (cairo_t             *cr,
                      double               width,
                      double               height,
                      const SegTableData  *data,
                      const SegChartStyle *style)
{
  TableGeom g;
  double y;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n_rows * data->n_cols == 0 || data->cells != NULL);

  table_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  for (guint c = 0; c < data->n_cols && data->headers != NULL; c++)
    draw_cell_text (cr, &g, data, style, SEG_TEXT_BOLD, data->headers[c], c,
                    g.lay.plot.y + g.header_h / 2, style->foreground);
  y = round (g.lay.plot.y + g.header_h) - 0.5;
  seg_chart_text_set_color (cr, style->axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, g.lay.inner.x, y);
  cairo_line_to (cr, g.col_x[data->n_cols], y);
  cairo_stroke (cr);
  draw_rows (cr, &g, data, style);
  if (g.rows_shown < data->n_rows)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… %u more row", "… %u more rows",
                                                         data->n_rows - g.rows_shown),
                                               data->n_rows - g.rows_shown);
      seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, more, g.col_x[0] + g.pad,
                           g.lay.plot.y + g.lay.plot.height + g.row_h / 2, 0, 0.5, -1, style->muted);
    }
  cairo_restore (cr);
  g_free (g.col_x);
}

gboolean
seg_chart_table_fits (const SegTableData  *data,
                      const SegChartStyle *style,
                      double               width,
                      double               height)
{
  TableGeom g;
  gboolean fits;

  g_return_val_if_fail (data != NULL && style != NULL, FALSE);

  table_layout (&g, width, height, data, style);
  fits = g.rows_shown == data->n_rows && !g.squeezed;
  g_free (g.col_x);
  return fits;
}

double
seg_chart_table_height (const SegTableData  *data,
                        const SegChartStyle *style,
                        double               width)
{
  const double probe = 1e5;
  SegTableData whole;
  TableGeom g;
  double above, below;

  g_return_val_if_fail (data != NULL && style != NULL, 0);

  /* the height the rows need, not the height they could share */
  whole = *data;
  whole.fill = FALSE;
  table_layout (&g, width, probe, &whole, style);
  above = g.lay.inner.y;
  below = probe - (g.lay.inner.y + g.lay.inner.height);
  g_free (g.col_x);
  /* a little slack so that rounding never hides the last row */
  return above + g.header_h + data->n_rows * g.row_h + below + g.row_h * 0.05;
}

gboolean
seg_chart_table_hit (double               width,
                     double               height,
                     const SegTableData  *data,
                     const SegChartStyle *style,
                     double               x,
                     double               y,
                     SegChartHit         *hit)
{
  TableGeom g;
  gboolean found = FALSE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  table_layout (&g, width, height, data, style);
  if (y >= g.lay.plot.y + g.header_h && y < g.lay.plot.y + g.lay.plot.height &&
      x >= g.lay.inner.x && x < g.col_x[data->n_cols])
    {
      guint r = MIN ((guint) ((y - g.lay.plot.y - g.header_h) / g.row_h), g.rows_shown - 1);
      guint c = 0;
      GString *tip = g_string_new (NULL);

      while (c + 1 < data->n_cols && x >= g.col_x[c + 1])
        c++;
      for (guint k = 0; k < data->n_cols; k++)
        g_string_append_printf (tip, "%s%s: %s", k ? "\n" : "",
                                data->headers ? data->headers[k] : "", cell (data, r, k));
      seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) r,
                         data->row_groups != NULL ? data->row_groups[r] : -1, x,
                         g.lay.plot.y + g.header_h + (r + 0.5) * g.row_h, g_string_free (tip, FALSE));
      hit->row = (int) r;
      hit->col = (int) c;
      found = TRUE;
    }
  g_free (g.col_x);
  return found;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_table_item (double               width,
                      double               height,
                      const SegTableData  *data,
                      const SegChartStyle *style,
                      guint                i,
                      SegChartHit         *hit)
{
  TableGeom g;
  gboolean shown;
  double y = 0, x = 0, w = 0;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n_rows || data->n_cols == 0)
    return FALSE;
  table_layout (&g, width, height, data, style);
  shown = i < g.rows_shown;
  if (shown)
    {
      y = g.lay.plot.y + g.header_h + (i + 0.5) * g.row_h;
      x = g.lay.inner.x;
      w = g.col_x[data->n_cols] - g.lay.inner.x;
    }
  g_free (g.col_x);
  if (!shown)
    return FALSE;
  if (seg_chart_table_hit (width, height, data, style, x + 1, y, hit))
    hit->area = (SegRect) { x, y - g.row_h / 2, w, g.row_h };
  return TRUE;
}
