/* seg-report.c — pages, footers and the PDF surface of the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg-report-content.c decides what the report says as a list of blocks;
 * this file lays the blocks out on pages (a chart is never cut, a long table
 * continues on the next page under its repeated header, a heading stays
 * with what follows it), then draws every page into cairo's PDF surface
 * with a footer, page numbers, an outline and the document's metadata.
 */
#define G_LOG_DOMAIN "seg-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "seg-chart-table.h"
#include "seg-chart-text.h"
#include "seg-job.h"
#include "seg-error.h"
#include "seg-publish.h"
#include "seg-report-private.h"

/* Page geometry in points. */
#define MARGIN_X       54.0
#define MARGIN_TOP     54.0
#define MARGIN_BOTTOM  66.0
#define FOOTER_FROM_BOTTOM 38.0
#define GAP            12.0
#define BODY_SIZE      9.5
#define MIN_TABLE_ROWS 3

/* ------------------------------------------------------------- paper */

gboolean
seg_paper_parse (const char *text,
                 SegPaper   *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = SEG_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = SEG_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

const char *
seg_paper_to_string (SegPaper paper)
{
  return paper == SEG_PAPER_LETTER ? "letter" : "a4";
}

void
seg_paper_get_size (SegPaper  paper,
                    double   *width,
                    double   *height)
{
  /* A4 is 210 × 297 mm; Letter 8.5 × 11 in. */
  *width = paper == SEG_PAPER_LETTER ? 612.0 : 210.0 / 25.4 * 72.0;
  *height = paper == SEG_PAPER_LETTER ? 792.0 : 297.0 / 25.4 * 72.0;
}

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || *name == '\0' || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

SegPaper
seg_paper_for_locale_name (const char *name)
{
  /* The territories whose glibc locales use Letter. */
  static const char *const letter[] = { "US", "CA", "MX", "PH", "CL", "CO", "CR", "DO", "GT",
                                        "NI", "PA", "PR", "SV", "VE", NULL };
  const char *under = name != NULL ? strchr (name, '_') : NULL;

  if (under == NULL || strlen (under + 1) < 2)
    return SEG_PAPER_A4;
  for (guint i = 0; letter[i]; i++)
    if (strncmp (under + 1, letter[i], 2) == 0)
      return SEG_PAPER_LETTER;
  return SEG_PAPER_A4;
}

SegPaper
seg_paper_from_locale (void)
{
  static const char *const vars[] = { "LC_ALL", "LC_PAPER", "LANG" };
  const char *current = setlocale (LC_PAPER, NULL);

#ifdef __GLIBC__
  if (!is_c_locale (current))
    {
      /* glibc returns the width in millimetres in the pointer's bits. */
      union { const char *string; unsigned int word; } width;
      width.string = nl_langinfo (_NL_PAPER_WIDTH);
      if (width.word == 216)
        return SEG_PAPER_LETTER;
      if (width.word == 210)
        return SEG_PAPER_A4;
    }
#endif
  /* The locale is not installed (or not set yet): go by its name. */
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *v = g_getenv (vars[i]);
      if (v != NULL && *v != '\0')
        return is_c_locale (v) ? SEG_PAPER_A4 : seg_paper_for_locale_name (v);
    }
  return SEG_PAPER_A4;
}

void
seg_report_options_init (SegReportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = seg_paper_from_locale ();
}

/* ------------------------------------------------------------ the plan */

typedef struct
{
  ReportBlock *block;
  guint        page;
  double       y, height;
  double       vheight;      /* charts: chart units */
  guint        first_row, n_rows;
  gboolean     continued;
  gboolean     last;         /* tables: the last piece */
} Placed;

struct _SegReportPlan
{
  ReportDoc      doc;
  SegChartStyle  chart_style;
  SegChartStyle  text_style;
  double         page_w, page_h;
  double         left, top, bottom, width;   /* content box */
  double         scale;                      /* chart units → points */
  GArray        *placed;                     /* Placed */
  GArray        *items;                      /* SegReportItem */
  guint          n_pages;
};

void
seg_report_block_free (ReportBlock *b)
{
  g_free (b->text);
  g_free (b->colour_by);
  g_free (b->feature);
  g_free (b->caption);
  g_free (b->title);
  g_free (b->subtitle);
  g_strfreev (b->headers);
  if (b->cells != NULL)
    for (gsize i = 0; i < (gsize) b->n_rows * b->n_cols; i++)
      g_free (b->cells[i]);
  g_free (b->cells);
  g_free (b->numeric);
  g_free (b->groups);
  g_free (b);
}

static SegChartStyle
text_style (const SegReportPlan *plan,
            double               size)
{
  SegChartStyle st = plan->text_style;
  st.font_size = size;
  return st;
}

/* A wrapped paragraph @width points wide. */
static PangoLayout *
paragraph_layout (const SegReportPlan *plan,
                  const ReportBlock   *b,
                  double               width)
{
  SegChartStyle st;
  SegTextRole role = SEG_TEXT_BODY;
  double size = BODY_SIZE;
  PangoLayout *layout;

  switch (b->kind)
    {
    case BLOCK_TITLE: size = 24; role = SEG_TEXT_BOLD; break;
    case BLOCK_HEADING: size = b->level == 0 ? 17 : 12; role = SEG_TEXT_BOLD; break;
    case BLOCK_CHART:
    case BLOCK_TABLE: size = 8; break;   /* captions */
    default: role = b->bold ? SEG_TEXT_BOLD : SEG_TEXT_BODY; break;
    }
  st = text_style (plan, size);
  layout = seg_chart_text_layout (&st, role, b->kind == BLOCK_CHART || b->kind == BLOCK_TABLE ? b->caption : b->text, -1);
  if (b->kind == BLOCK_TEXT && b->markup)
    pango_layout_set_markup (layout, b->text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 10.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (layout, (int) (size * 0.25 * PANGO_SCALE));
  return layout;
}

static double
paragraph_height (const SegReportPlan *plan,
                  const ReportBlock   *b,
                  double               width)
{
  g_autoptr(PangoLayout) layout = paragraph_layout (plan, b, width);
  double h;

  seg_chart_text_layout_size (layout, NULL, &h);
  return h;
}

static double
space_above (const ReportBlock *b)
{
  if (b->kind == BLOCK_HEADING)
    return b->level == 0 ? 0 : 8;
  return 0;
}

static double
caption_height (const SegReportPlan *plan,
                const ReportBlock   *b)
{
  if (b->caption == NULL || *b->caption == '\0')
    return 0;
  return 4 + paragraph_height (plan, b, plan->width);
}

/* Chart height in chart units: as asked, else half a page; never more
 * than a page. */
static double
chart_vheight (const SegReportPlan *plan,
               const ReportBlock   *b)
{
  double room = plan->bottom - plan->top;
  double cap = caption_height (plan, b);
  double half = ((room - GAP) / 2 - cap) / plan->scale;
  double vh = b->vheight > 0 ? b->vheight : MIN (half, REPORT_CHART_WIDTH * 0.62);

  return MIN (vh, (room - cap) / plan->scale);
}

/* Height of @n rows of table @b starting at @first (with its header):
 * the header block plus n rows of one height, measured once per block
 * (laying the table out measures every cell). */
static double
table_piece_height (const SegReportPlan *plan,
                    ReportBlock         *b,
                    guint                first,
                    guint                n)
{
  if (b->row_height <= 0)
    {
      SegTableData data = { b->title, b->subtitle, 0, b->n_cols, (const char *const *) b->headers,
                            (const char *const *) b->cells, b->numeric, b->groups };
      double h0 = seg_chart_table_height (&data, &plan->chart_style, REPORT_CHART_WIDTH);

      data.n_rows = MIN (b->n_rows, 1u);
      b->head_height = h0 * plan->scale;
      b->row_height = data.n_rows ? seg_chart_table_height (&data, &plan->chart_style, REPORT_CHART_WIDTH) * plan->scale
                                    - b->head_height
                                  : 1;
    }
  return b->head_height + n * b->row_height;
}

/* The height a block needs at least on the page it starts on. */
static double
min_height (const SegReportPlan *plan,
            ReportBlock         *b)
{
  switch (b->kind)
    {
    case BLOCK_CHART:
      return chart_vheight (plan, b) * plan->scale + caption_height (plan, b);
    case BLOCK_TABLE:
      return table_piece_height (plan, b, 0, MIN (b->n_rows, MIN_TABLE_ROWS)) +
             (b->n_rows <= MIN_TABLE_ROWS ? caption_height (plan, b) : 0);
    case BLOCK_PAGE_BREAK:
      return 0;
    default:
      return space_above (b) + paragraph_height (plan, b, plan->width - b->indent);
    }
}

typedef struct
{
  SegReportPlan *plan;
  guint          page;
  double         y;
  gboolean       empty;
} Cursor;

static void
new_page (Cursor *c)
{
  c->page++;
  c->y = c->plan->top;
  c->empty = TRUE;
}

static void
place (Cursor      *c,
       ReportBlock *b,
       double       height,
       Placed      *p)
{
  p->block = b;
  p->page = c->page;
  p->y = c->y;
  p->height = height;
  g_array_append_vals (c->plan->placed, p, 1);
  c->y += height + GAP;
  c->empty = FALSE;
}

static void
place_table (Cursor      *c,
             ReportBlock *b)
{
  SegReportPlan *plan = c->plan;
  guint first = 0;

  for (;;)
    {
      double room = plan->bottom - c->y;
      guint left = b->n_rows - first, n = 0;
      gboolean last;
      Placed p = { 0 };

      /* as many rows as fit; fewer than MIN_TABLE_ROWS go to the next page */
      while (n < left && table_piece_height (plan, b, first, n + 1) <= room)
        n++;
      if (n == left && n > 0 && table_piece_height (plan, b, first, n) + caption_height (plan, b) > room)
        n--;   /* the caption goes under the last row, on the same page */
      if (n < MIN (left, MIN_TABLE_ROWS) && !c->empty)
        {
          new_page (c);
          continue;
        }
      n = MAX (n, MIN (left, 1u));   /* an empty page takes at least one row */
      last = n == left;
      p.first_row = first;
      p.n_rows = n;
      p.continued = first > 0;
      p.last = last;
      place (c, b, table_piece_height (plan, b, first, n) + (last ? caption_height (plan, b) : 0), &p);
      first += n;
      if (last)
        break;
      new_page (c);
    }
}

static void
layout_blocks (SegReportPlan *plan)
{
  GPtrArray *blocks = plan->doc.blocks;
  Cursor c = { plan, 0, plan->top, TRUE };

  for (guint i = 0; i < blocks->len; i++)
    {
      ReportBlock *b = g_ptr_array_index (blocks, i);
      double need = min_height (plan, b);
      Placed p = { 0 };

      if (b->kind == BLOCK_PAGE_BREAK || (b->kind == BLOCK_HEADING && b->level == 0))
        {
          if (!c.empty)
            new_page (&c);
          if (b->kind == BLOCK_PAGE_BREAK)
            continue;
        }
      /* a heading stays with the start of what follows it */
      if (b->kind == BLOCK_HEADING && i + 1 < blocks->len)
        need += GAP + min_height (plan, g_ptr_array_index (blocks, i + 1));
      if (c.y + need > plan->bottom && !c.empty)
        new_page (&c);
      if (b->kind == BLOCK_TABLE)
        {
          place_table (&c, b);
          continue;
        }
      if (b->kind == BLOCK_CHART)
        {
          p.vheight = chart_vheight (plan, b);
          place (&c, b, p.vheight * plan->scale + caption_height (plan, b), &p);
        }
      else
        place (&c, b, min_height (plan, b), &p);
    }
  plan->n_pages = c.page + 1;
}

static void
fill_items (SegReportPlan *plan)
{
  for (guint i = 0; i < plan->placed->len; i++)
    {
      const Placed *p = &g_array_index (plan->placed, Placed, i);
      SegReportItem item = { 0 };

      item.kind = p->block->kind == BLOCK_CHART ? SEG_REPORT_ITEM_CHART
                : p->block->kind == BLOCK_TABLE ? SEG_REPORT_ITEM_TABLE : SEG_REPORT_ITEM_TEXT;
      item.page = p->page;
      item.y = p->y;
      item.height = p->height;
      item.title = p->block->kind == BLOCK_CHART ? seg_chart_kind_title (p->block->chart)
                 : p->block->kind == BLOCK_TABLE ? p->block->title : p->block->text;
      item.first_row = p->first_row;
      item.n_rows = p->n_rows;
      item.total_rows = p->block->n_rows;
      item.continued = p->continued;
      g_array_append_val (plan->items, item);
    }
}

SegReportPlan *
seg_report_plan (const SegResult        *result,
                 const SegReportOptions *options)
{
  SegReportPlan *plan;
  SegReportOptions defaults;

  g_return_val_if_fail (result != NULL, NULL);

  if (options == NULL)
    {
      seg_report_options_init (&defaults);
      options = &defaults;
    }
  plan = g_new0 (SegReportPlan, 1);
  plan->doc.result = result;
  plan->doc.options = options;
  seg_chart_params_init (&plan->doc.params);
  plan->doc.params.currency = options->currency;
  plan->doc.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_report_block_free);
  seg_chart_style_init_light (&plan->chart_style);
  seg_chart_style_init_light (&plan->text_style);
  plan->text_style.font_size = BODY_SIZE;
  seg_paper_get_size (options->paper, &plan->page_w, &plan->page_h);
  plan->left = MARGIN_X;
  plan->top = MARGIN_TOP;
  plan->bottom = plan->page_h - MARGIN_BOTTOM;
  plan->width = plan->page_w - 2 * MARGIN_X;
  plan->scale = plan->width / REPORT_CHART_WIDTH;
  plan->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  plan->items = g_array_new (FALSE, TRUE, sizeof (SegReportItem));
  seg_report_build_content (&plan->doc);
  layout_blocks (plan);
  fill_items (plan);
  /* the options may not outlive this call */
  plan->doc.options = NULL;
  return plan;
}

guint
seg_report_plan_get_n_pages (const SegReportPlan *plan)
{
  return plan->n_pages;
}

guint
seg_report_plan_get_n_items (const SegReportPlan *plan)
{
  return plan->items->len;
}

const SegReportItem *
seg_report_plan_get_item (const SegReportPlan *plan,
                          guint                index)
{
  g_return_val_if_fail (index < plan->items->len, NULL);
  return &g_array_index (plan->items, SegReportItem, index);
}

void
seg_report_plan_get_content (const SegReportPlan *plan,
                             double              *top,
                             double              *bottom)
{
  *top = plan->top;
  *bottom = plan->bottom;
}

void
seg_report_plan_free (SegReportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->doc.blocks, g_ptr_array_unref);
  g_free (plan->doc.dataset_name);
  g_free (plan->doc.as_of);
  g_free (plan->doc.made);
  g_array_unref (plan->placed);
  g_array_unref (plan->items);
  g_free (plan);
}

/* ------------------------------------------------------------ drawing */

static void
draw_paragraph (cairo_t             *cr,
                const SegReportPlan *plan,
                const ReportBlock   *b,
                double               x,
                double               y,
                double               width,
                SegRgba              color)
{
  g_autoptr(PangoLayout) layout = paragraph_layout (plan, b, width);

  seg_chart_text_draw_layout (cr, layout, x, y, 0, 0, 0, color);
}

static void
draw_chart (cairo_t             *cr,
            const SegReportPlan *plan,
            const Placed        *p)
{
  const ReportBlock *b = p->block;
  SegChartParams params = plan->doc.params;

  params.colour_by = b->colour_by;
  params.feature = b->feature;
  cairo_save (cr);
  cairo_translate (cr, plan->left, p->y);
  cairo_scale (cr, plan->scale, plan->scale);
  cairo_rectangle (cr, 0, 0, REPORT_CHART_WIDTH, p->vheight);
  cairo_clip (cr);
  seg_dashboard_render (b->chart, cr, REPORT_CHART_WIDTH, p->vheight, plan->doc.result, &params,
                        &plan->chart_style);
  cairo_restore (cr);
  if (b->caption != NULL)
    draw_paragraph (cr, plan, b, plan->left, p->y + p->vheight * plan->scale + 4, plan->width,
                    plan->text_style.muted);
}

static void
draw_table (cairo_t             *cr,
            const SegReportPlan *plan,
            const Placed        *p)
{
  const ReportBlock *b = p->block;
  g_autofree char *title = p->continued && b->title != NULL
                           ? g_strdup_printf (_("%s (continued)"), b->title) : g_strdup (b->title);
  SegTableData data = { title, b->subtitle, p->n_rows, b->n_cols, (const char *const *) b->headers,
                        (const char *const *) b->cells + (gsize) p->first_row * b->n_cols, b->numeric,
                        b->groups ? b->groups + p->first_row : NULL };
  double h = seg_chart_table_height (&data, &plan->chart_style, REPORT_CHART_WIDTH);

  cairo_save (cr);
  cairo_translate (cr, plan->left, p->y);
  cairo_scale (cr, plan->scale, plan->scale);
  seg_chart_table_draw (cr, REPORT_CHART_WIDTH, h, &data, &plan->chart_style);
  cairo_restore (cr);
  if (p->last && b->caption != NULL)
    draw_paragraph (cr, plan, b, plan->left, p->y + h * plan->scale + 4, plan->width,
                    plan->text_style.muted);
}

static void
draw_footer (cairo_t             *cr,
             const SegReportPlan *plan,
             guint                page)
{
  SegChartStyle st = text_style (plan, 7.5);
  double y = plan->page_h - FOOTER_FROM_BOTTOM;
  g_autofree char *left = g_strdup_printf (_("%s · as of %s"), plan->doc.dataset_name, plan->doc.as_of);
  g_autofree char *right = g_strdup_printf (_("Page %u of %u"), page + 1, plan->n_pages);
  double right_w = seg_chart_text_width (&st, SEG_TEXT_BODY, right);

  seg_chart_text_set_color (cr, st.grid);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, plan->left, y - 6);
  cairo_line_to (cr, plan->left + plan->width, y - 6);
  cairo_stroke (cr);
  seg_chart_text_draw (cr, &st, SEG_TEXT_BODY, left, plan->left, y, 0, 0,
                       plan->width - right_w - 24, st.muted);
  seg_chart_text_draw (cr, &st, SEG_TEXT_BODY, right, plan->left + plan->width, y, 1, 0, -1, st.muted);
}

static void
draw_placed (cairo_t             *cr,
             const SegReportPlan *plan,
             const Placed        *p,
             int                 *outline_parent)
{
  const ReportBlock *b = p->block;
  cairo_surface_t *surface = cairo_get_target (cr);

  switch (b->kind)
    {
    case BLOCK_CHART:
      draw_chart (cr, plan, p);
      break;
    case BLOCK_TABLE:
      draw_table (cr, plan, p);
      break;
    case BLOCK_TITLE:
    case BLOCK_HEADING:
    case BLOCK_TEXT:
      {
        SegRgba ink = b->muted ? plan->text_style.muted : plan->text_style.foreground;
        double y = p->y + space_above (b);
        draw_paragraph (cr, plan, b, plan->left + b->indent, y, plan->width - b->indent, ink);
        if (b->kind == BLOCK_HEADING && cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_PDF)
          {
            g_autofree char *link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", p->page + 1,
                                                     plan->left, y);
            int id = cairo_pdf_surface_add_outline (surface,
                                                    b->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : *outline_parent,
                                                    b->text, link, 0);
            if (b->level == 0)
              *outline_parent = id;
          }
        break;
      }
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

typedef struct
{
  GByteArray *bytes;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;
  g_byte_array_append (sink->bytes, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t     *surface,
              const SegReportPlan *plan)
{
  g_autofree char *title = g_strdup_printf (_("Customer segmentation: %s"), plan->doc.dataset_name);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segmenta " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Customer segmentation report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
}

GBytes *
seg_report_render (const SegResult        *result,
                   const SegReportOptions *options,
                   GCancellable           *cancellable,
                   SegProgressFunc         progress,
                   gpointer                progress_data,
                   GError                **error)
{
  g_autoptr(SegReportPlan) plan = NULL;
  Sink sink = { NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint next = 0;
  int outline_parent = CAIRO_PDF_OUTLINE_ROOT;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (progress != NULL)
    progress (0, _("Laying out the report"), progress_data);
  plan = seg_report_plan (result, options);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  sink.bytes = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, plan->page_w, plan->page_h);
  set_metadata (surface, plan);
  cr = cairo_create (surface);
  for (guint page = 0; page < plan->n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      for (; next < plan->placed->len && g_array_index (plan->placed, Placed, next).page == page; next++)
        draw_placed (cr, plan, &g_array_index (plan->placed, Placed, next), &outline_parent);
      draw_footer (cr, plan, page);
      cairo_show_page (cr);
      if (progress != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Page %u of %u"), page + 1, plan->n_pages);
          progress ((page + 1.0) / plan->n_pages, msg, progress_data);
        }
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (error != NULL && *error != NULL)
    {
      g_byte_array_unref (sink.bytes);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("Could not draw the report: %s"),
                   cairo_status_to_string (status));
      g_byte_array_unref (sink.bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (sink.bytes);
}

gboolean
seg_report_write (const SegResult        *result,
                  const SegReportOptions *options,
                  const char             *path,
                  GCancellable           *cancellable,
                  SegProgressFunc         progress,
                  gpointer                progress_data,
                  GError                **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (result != NULL && path != NULL, FALSE);

  pdf = seg_report_render (result, options, cancellable, progress, progress_data, error);
  if (pdf == NULL)
    return FALSE;
  return seg_publish_file (path, pdf, error);
}

/* --------------------------------------------------------------- async */

typedef struct
{
  ReportWriteFunc   write;
  SegResult        *result;
  SegReportOptions  options;
  char             *path;
  GPtrArray        *strings;   /* owns the options' strings */
} WriteData;

static void
write_data_free (WriteData *d)
{
  seg_result_unref (d->result);
  g_free (d->path);
  g_free ((gpointer) d->options.persona_names);
  g_free ((gpointer) d->options.persona_actions);
  g_ptr_array_unref (d->strings);
  g_free (d);
}

static const char *
keep (WriteData  *d,
      const char *s)
{
  char *copy = g_strdup (s);
  if (copy != NULL)
    g_ptr_array_add (d->strings, copy);
  return copy;
}

static gpointer
write_job (gpointer         data,
           GCancellable    *cancellable,
           SegProgressFunc  progress,
           gpointer         progress_data,
           GError         **error)
{
  WriteData *d = data;

  if (!d->write (d->result, &d->options, d->path, cancellable, progress, progress_data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
seg_report_run_writer_async (ReportWriteFunc         write,
                             gpointer                source_tag,
                             const SegResult        *result,
                             const SegReportOptions *options,
                             const char             *path,
                             GCancellable           *cancellable,
                             SegProgressFunc         progress,
                             gpointer                progress_data,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  WriteData *d = g_new0 (WriteData, 1);

  d->write = write;
  d->result = seg_result_ref ((SegResult *) result);
  d->path = g_strdup (path);
  d->strings = g_ptr_array_new_with_free_func (g_free);
  if (options != NULL)
    d->options = *options;
  else
    seg_report_options_init (&d->options);
  d->options.dataset_name = keep (d, d->options.dataset_name);
  d->options.currency = keep (d, d->options.currency);
  if (options != NULL && options->n_personas > 0)
    {
      const char **names = g_new0 (const char *, options->n_personas);
      const char **actions = g_new0 (const char *, options->n_personas);

      for (guint i = 0; i < options->n_personas; i++)
        {
          names[i] = options->persona_names ? keep (d, options->persona_names[i]) : NULL;
          actions[i] = options->persona_actions ? keep (d, options->persona_actions[i]) : NULL;
        }
      d->options.persona_names = names;
      d->options.persona_actions = actions;
    }
  else
    {
      d->options.persona_names = NULL;
      d->options.persona_actions = NULL;
      d->options.n_personas = 0;
    }
  seg_job_run_lasting_async (write_job, d, (GDestroyNotify) write_data_free, NULL, source_tag, cancellable,
                             progress, progress_data, callback, user_data);
}

void
seg_report_write_async (const SegResult        *result,
                        const SegReportOptions *options,
                        const char             *path,
                        GCancellable           *cancellable,
                        SegProgressFunc         progress,
                        gpointer                progress_data,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_return_if_fail (result != NULL && path != NULL);

  seg_report_run_writer_async (seg_report_write, seg_report_write_async, result, options, path, cancellable,
                               progress, progress_data, callback, user_data);
}

gboolean
seg_report_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  return seg_job_run_finish (result, seg_report_write_async, error) != NULL;
}
