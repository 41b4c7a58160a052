/* seg-chart-view.c — one chart of the catalogue as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "seg-chart-text.h"
#include "seg-chart-view.h"
#include "seg-window.h"

/* Charts of at most this many customers are drawn during the snapshot. */
#define DEFAULT_SYNC_LIMIT 2000

/* Everything a picture of the chart depends on.  Two looks that compare
 * equal draw the same image, so the cached one can be shown. */
typedef struct
{
  SegResult     *result;        /* a reference: keeps the identity unique */
  char          *colour_by;     /* the effective one */
  char          *feature;
  gboolean       biplot;
  double         threshold;
  SegChartTheme  theme;
  double         scale;
  int            highlight;     /* the style's highlight group */
  gboolean       card;          /* on a card (no background) or exported */
  gboolean       fill;          /* on a slide: tables fill the height */
  int            width;         /* logical pixels */
  int            height;
  int            scale_factor;
} Look;

/* One drawing of the chart, made on any thread from a look. */
typedef struct
{
  SegChartKind       kind;
  Look               look;
  /* a file export; NULL = an image */
  char              *path;
  SegChartFormat     format;
  /* out */
  GdkTexture        *texture;
  SegChartPrepared  *prepared;
  guint              n_cut;     /* texts drawn shortened */
  guint              n_outside; /* texts drawn past the edge */
  char              *description;   /* the chart in words (an image only) */
} RenderJob;

struct _SegChartView
{
  GtkWidget     parent_instance;

  SegChartKind  kind;
  SegResult    *result;
  char         *colour_by;        /* as set, may be NULL */
  char         *feature;
  gboolean      biplot;
  double        threshold;        /* NAN = the model's */
  double        scale;            /* 0 = grows with the size */
  char         *highlight_method;
  int           highlight;
  guint64       sync_limit;

  /* the image on screen and the chart it was drawn from (for hit-tests) */
  GdkTexture       *texture;
  Look              texture_look;
  SegChartPrepared *prepared;
  guint             n_cut;
  guint             n_outside;
  char             *description;   /* what the accessible description says */
  /* the item the keyboard is on, or -1 */
  int               focus_item;
  /* the render a worker is doing for the current look, if any */
  RenderJob        *pending;
  GCancellable     *pending_cancellable;

  SegWindow    *window;           /* weak */
  gboolean      follow_colour_by;
};

G_DEFINE_FINAL_TYPE (SegChartView, seg_chart_view, GTK_TYPE_WIDGET)

/* Like g_set_str () of GLib 2.76. */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

/* --- style and parameters ------------------------------------------------------ */

/* The chart theme the desktop asks for: dark or light, and the
 * high-contrast one when the user turned high contrast on. */
static SegChartTheme
desktop_theme (void)
{
  AdwStyleManager *sm = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (sm);

  if (adw_style_manager_get_high_contrast (sm))
    return dark ? SEG_CHART_THEME_HC_DARK : SEG_CHART_THEME_HC_LIGHT;
  return dark ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT;
}

const char *
seg_chart_view_get_effective_colour_by (SegChartView *self)
{
  static const char *methods[] = { "rules", "rfm", "kmeans" };

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);

  if (self->result == NULL)
    return self->colour_by;
  if (self->colour_by && seg_result_get_segmentation (self->result, self->colour_by))
    return self->colour_by;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (seg_result_get_segmentation (self->result, methods[i]))
      return methods[i];
  return NULL;
}

void
seg_chart_view_get_params (SegChartView   *self,
                           SegChartParams *params)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  seg_chart_params_init (params);
  params->colour_by = seg_chart_view_get_effective_colour_by (self);
  params->feature = self->feature;
  params->biplot = self->biplot;
  params->threshold = self->threshold;
  params->fill = self->scale <= 0;
}

/* --- looks ------------------------------------------------------------------------ */

static void
look_init (SegChartView *self,
           Look         *look,
           SegChartTheme theme,
           double        scale,
           gboolean      card,
           int           width,
           int           height,
           int           scale_factor)
{
  const char *method = seg_chart_view_get_effective_colour_by (self);

  look->result = self->result ? seg_result_ref (self->result) : NULL;
  look->colour_by = g_strdup (method);
  look->feature = g_strdup (self->feature);
  look->biplot = self->biplot;
  look->threshold = self->threshold;
  look->theme = theme;
  look->scale = scale;
  look->highlight = self->highlight >= 0 && g_strcmp0 (method, self->highlight_method) == 0
                    ? self->highlight : -1;
  look->card = card;
  look->fill = FALSE;
  look->width = width;
  look->height = height;
  look->scale_factor = MAX (scale_factor, 1);
}

/* Scale 0: type and marks grow with the chart, as on a projector; a chart
 * of 800 × 500 is drawn at 1. */
static double
screen_scale (SegChartView *self,
              int           width,
              int           height)
{
  if (self->scale > 0)
    return self->scale;
  return CLAMP (floor (MIN (width / 800.0, height / 500.0) * 20) / 20, 1.0, 3.0);
}

/* The look of the widget as it is now. */
static void
look_init_screen (SegChartView *self,
                  Look         *look)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  look_init (self, look, desktop_theme (), screen_scale (self, width, height), TRUE, width, height,
             gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  /* a view that grows with its size is a slide's */
  look->fill = self->scale <= 0;
}

static void
look_clear (Look *look)
{
  g_clear_pointer (&look->result, seg_result_unref);
  g_clear_pointer (&look->colour_by, g_free);
  g_clear_pointer (&look->feature, g_free);
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* @with_size FALSE: the same chart, maybe at another size. */
static gboolean
look_equal (const Look *a,
            const Look *b,
            gboolean    with_size)
{
  if (a->result != b->result || g_strcmp0 (a->colour_by, b->colour_by) != 0 ||
      g_strcmp0 (a->feature, b->feature) != 0 || a->biplot != b->biplot ||
      !same_double (a->threshold, b->threshold) || a->theme != b->theme ||
      a->scale != b->scale || a->highlight != b->highlight || a->card != b->card || a->fill != b->fill)
    return FALSE;
  return !with_size || (a->width == b->width && a->height == b->height &&
                        a->scale_factor == b->scale_factor);
}

static void
look_style (const Look    *look,
            SegChartStyle *style)
{
  if (look->scale <= 0)
    /* exports: the style seg_dashboard_export_all () draws with at this size */
    seg_dashboard_export_style (style, look->theme, look->width, look->height);
  else
    {
      seg_chart_style_init (style, look->theme);
      style->scale = look->scale;
    }
  style->highlight_group = look->highlight;
  /* high contrast: the chart draws its own white or black, so its ratios
   * hold on any card */
  if (look->card && !seg_chart_theme_is_high_contrast (look->theme))
    {
      /* The card draws the background; fading mixes towards the card's colour. */
      style->draw_background = FALSE;
      style->background = look->theme == SEG_CHART_THEME_DARK ? seg_rgba_from_hex (0x383838)
                                                             : seg_rgba_from_hex (0xFFFFFF);
    }
}

static void
look_params (const Look     *look,
             SegChartParams *params)
{
  seg_chart_params_init (params);
  params->colour_by = look->colour_by;
  params->feature = look->feature;
  params->biplot = look->biplot;
  params->threshold = look->threshold;
  params->fill = look->fill;
}

/* --- drawing (any thread) ------------------------------------------------------ */

static void
draw_message (cairo_t             *cr,
              double               width,
              double               height,
              const SegChartStyle *style,
              const char          *text)
{
  PangoLayout *layout = seg_text_layout (style, SEG_TEXT_BODY, text, width - 32);

  /* a reason is a sentence: wrap it rather than cut it short */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_single_paragraph_mode (layout, FALSE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  seg_text_draw_layout (cr, layout, width / 2, height / 2, 0.5, 0.5, 0.0, style->muted);
  g_object_unref (layout);
}

static void
draw_prepared (SegChartPrepared    *prepared,
               cairo_t             *cr,
               double               width,
               double               height,
               const SegChartStyle *style)
{
  const char *why = NULL;

  if (!seg_chart_prepared_available (prepared, &why))
    draw_message (cr, width, height, style, why ? why : _("Not available for this data"));
  else
    seg_chart_prepared_render (prepared, cr, width, height);
}

static void
render_job_free (RenderJob *job)
{
  look_clear (&job->look);
  g_free (job->path);
  g_clear_object (&job->texture);
  g_clear_pointer (&job->prepared, seg_chart_prepared_free);
  g_free (job->description);
  g_free (job);
}

/* Takes @look. */
static RenderJob *
render_job_new (SegChartKind  kind,
                Look         *look)
{
  RenderJob *job = g_new0 (RenderJob, 1);

  job->kind = kind;
  job->look = *look;
  memset (look, 0, sizeof *look);
  return job;
}

/* cairo's ARGB32 is GDK_MEMORY_DEFAULT; the texture takes the surface. */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

typedef struct
{
  SegChartPrepared    *prepared;
  const SegChartStyle *style;
} ExportDraw;

static void
export_draw_cb (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  ExportDraw *d = user_data;

  draw_prepared (d->prepared, cr, width, height, d->style);
}

/* Builds the chart and draws it into an image or a file; FALSE with
 * @error when @cancellable fired first or the file could not be written. */
static gboolean
render_job_run (RenderJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  const Look *look = &job->look;
  SegChartParams params;
  SegChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  look_params (look, &params);
  look_style (look, &style);
  job->prepared = seg_chart_prepare (job->kind, look->result, &params, &style);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (job->path != NULL)
    {
      ExportDraw d = { job->prepared, &style };
      return seg_chart_export (job->path, job->format, look->width, look->height,
                               export_draw_cb, &d, error);
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, look->width * look->scale_factor,
                                        look->height * look->scale_factor);
  cairo_surface_set_device_scale (surface, look->scale_factor, look->scale_factor);
  cr = cairo_create (surface);
  {
    guint before = seg_text_get_n_ellipsized ();
    guint outside = seg_text_get_n_outside ();

    draw_prepared (job->prepared, cr, look->width, look->height, &style);
    job->n_cut = seg_text_get_n_ellipsized () - before;
    job->n_outside = seg_text_get_n_outside () - outside;
  }
  cairo_destroy (cr);
  job->texture = texture_from_surface (surface);
  /* the words need the chart's statistics (a box plot sorts every value):
   * made here, on the worker, not when the picture is put on screen */
  job->description = seg_chart_prepared_describe (job->prepared, look->width, look->height);
  return TRUE;
}

/* The worker yields to the main loop (and the X server) when the cores are
 * busy: a chart a little later is better than a frame a little later. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  static GPrivate done;

  if (g_private_get (&done) == NULL)
    {
      /* Linux: a thread's nice value is its own */
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_private_set (&done, GINT_TO_POINTER (1));
    }
#endif
}

/* One worker for every chart: charts appear one after the other, and the
 * drawing never takes both cores from the main loop and the analysis. */
static void
render_thread (gpointer data,
               gpointer user_data)
{
  g_autoptr(GTask) task = data;
  RenderJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  lower_thread_priority ();

  if (!g_task_return_error_if_cancelled (task))
    {
      if (render_job_run (job, g_task_get_cancellable (task), &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
}

static void
render_in_background (GTask *task)
{
  static GThreadPool *pool;

  /* exclusive: its thread, niced, is never lent to another pool */
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (render_thread, NULL, 1, TRUE, NULL));
  g_thread_pool_push (pool, task, NULL);
}

/* --- the cached image ------------------------------------------------------------ */

static void
cancel_pending (SegChartView *self)
{
  if (self->pending_cancellable)
    g_cancellable_cancel (self->pending_cancellable);
  g_clear_object (&self->pending_cancellable);
  self->pending = NULL;
}

/* Something the picture depends on changed. */
static void
changed (SegChartView *self)
{
  cancel_pending (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- accessibility ---------------------------------------------------------- */

static void
set_description (SegChartView *self,
                 char         *text)   /* takes it */
{
  if (g_strcmp0 (self->description, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->description);
  self->description = text;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
}

/* The name is the chart's title, and the item the keyboard is on: screen
 * readers say a focused widget's new name. */
static void
update_accessible_label (SegChartView *self,
                         const char   *item_text)
{
  g_autofree char *title = self->prepared ? seg_chart_prepared_dup_title (self->prepared)
                                          : g_strdup (seg_chart_kind_title (self->kind));
  g_autofree char *label = NULL;

  if (item_text != NULL)
    {
      g_autoptr(GString) line = g_string_new (item_text);
      g_string_replace (line, "\n", ", ", 0);
      /* Translators: a chart's accessible name while the keyboard is on one
       * of its items: the item in words, then the chart's title */
      label = g_strdup_printf (_("%s — %s"), line->str, title);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label ? label : title, -1);
}

static void
install (SegChartView *self,
         RenderJob    *job)
{
  g_set_object (&self->texture, job->texture);
  g_clear_pointer (&self->prepared, seg_chart_prepared_free);
  self->prepared = g_steal_pointer (&job->prepared);
  self->n_cut = job->n_cut;
  self->n_outside = job->n_outside;
  look_clear (&self->texture_look);
  self->texture_look = job->look;
  memset (&job->look, 0, sizeof job->look);
  set_description (self, g_steal_pointer (&job->description));
  if (self->focus_item < 0)
    update_accessible_label (self, NULL);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SegChartView *self = SEG_CHART_VIEW (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || job != self->pending)
    return;   /* cancelled, or a newer look is on its way */
  g_clear_object (&self->pending_cancellable);
  self->pending = NULL;
  install (self, job);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
draws_inline (SegChartView *self)
{
  SegTable *customers = seg_result_get_customers (self->result);

  return self->sync_limit > 0 && customers != NULL &&
         seg_table_get_n_rows (customers) <= self->sync_limit;
}

/* Takes @look. */
static void
request_render (SegChartView *self,
                Look         *look)
{
  RenderJob *job;
  GTask *task;

  if (self->pending != NULL && look_equal (&self->pending->look, look, TRUE))
    {
      look_clear (look);
      return;   /* already being drawn */
    }
  cancel_pending (self);
  job = render_job_new (self->kind, look);
  self->pending_cancellable = g_cancellable_new ();
  self->pending = job;
  task = g_task_new (self, self->pending_cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, request_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  render_in_background (task);
}

static void
draw_placeholder (SegChartView *self,
                  GtkSnapshot  *snapshot,
                  int           width,
                  int           height,
                  const char   *text)
{
  SegChartStyle style;
  Look look = { 0 };
  cairo_t *cr;

  look_init (self, &look, desktop_theme (), self->scale, TRUE, width, height, 1);
  look_style (&look, &style);
  look_clear (&look);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_message (cr, width, height, &style, text);
  cairo_destroy (cr);
}

/* What stands in for the chart while there is no result: the window's
 * analysis is running, failed or was stopped (transfer full). */
static char *
placeholder_text (SegChartView *self)
{
  if (self->window && seg_window_get_dataset (self->window) != NULL &&
      !seg_window_is_analysing (self->window))
    {
      const char *error = seg_window_get_analysis_error (self->window);

      if (error != NULL)
        /* Translators: %s is why, e.g. "Unknown feature column “income”" */
        return g_strdup_printf (_("The customers could not be analysed: %s"), error);
      return g_strdup (_("The analysis was stopped. Press Ctrl+R to analyse again."));
    }
  return g_strdup (_("Analysing…"));
}

/* --- the keyboard ----------------------------------------------------------------- */

/* The item the keyboard is on, laid out at today's size; FALSE when none. */
static gboolean
focus_hit (SegChartView *self,
           SegChartHit  *hit)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->focus_item < 0 || self->prepared == NULL || width <= 0 || height <= 0)
    return FALSE;
  return seg_chart_prepared_item (self->prepared, width, height, (guint) self->focus_item, hit) &&
         hit->kind != SEG_CHART_HIT_NONE;
}

/* A ring in the accent colour around the item the keyboard is on, or
 * around the whole chart before an item is chosen. */
static void
draw_focus (SegChartView *self,
            GtkSnapshot  *snapshot,
            int           width,
            int           height)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };   /* libadwaita's blue accent */
  graphene_rect_t r = GRAPHENE_RECT_INIT (3, 3, width - 6, height - 6);
  GskRoundedRect outline;
  float w = 3;

  if (adw_style_manager_get_high_contrast (manager))
    accent = adw_style_manager_get_dark (manager) ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 1 };
  else if (adw_style_manager_get_dark (manager))
    accent = (GdkRGBA) { 0.47, 0.68, 0.93, 1 };
  if (focus_hit (self, &hit))
    {
      double pad = 4;
      if (hit.area.width > 0 && hit.area.height > 0)
        r = GRAPHENE_RECT_INIT (hit.area.x - pad, hit.area.y - pad, hit.area.width + 2 * pad,
                                hit.area.height + 2 * pad);
      else
        r = GRAPHENE_RECT_INIT (hit.x - 10, hit.y - 10, 20, 20);
    }
  gsk_rounded_rect_init_from_rect (&outline, &r, 6);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { w, w, w, w },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

static void
set_focus_item (SegChartView *self,
                int           item)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  self->focus_item = item;
  update_accessible_label (self, focus_hit (self, &hit) ? hit.tooltip : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The next item shown from @from in steps of @step (±1, ± columns);
 * -1 when there is none. */
static int
next_item (SegChartView *self,
           int           from,
           int           step)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  for (int i = from + step; i >= 0; i += step)
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      if (!seg_chart_prepared_item (self->prepared, width, height, (guint) i, &hit))
        return -1;
      if (hit.kind != SEG_CHART_HIT_NONE)
        return i;
    }
  return -1;
}

static int
last_item (SegChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint lo = 0, hi = 1;
  SegChartHit hit = SEG_CHART_HIT_INIT;

  /* items run from 0 without a gap: find the end by doubling, then halving */
  while (seg_chart_prepared_item (self->prepared, width, height, hi, &hit) && hi < G_MAXINT / 2)
    lo = hi, hi *= 2;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (seg_chart_prepared_item (self->prepared, width, height, mid, &hit))
        lo = mid;
      else
        hi = mid;
    }
  seg_chart_hit_clear (&hit);
  return next_item (self, (int) lo + 1, -1);
}

gboolean
seg_chart_view_move_focus (SegChartView *self,
                           guint         keyval)
{
  int columns, target = -2;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (self->prepared == NULL || !seg_chart_prepared_available (self->prepared, NULL))
    return FALSE;
  columns = (int) seg_chart_prepared_item_columns (self->prepared);
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      target = next_item (self, self->focus_item, 1);
      break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, -1);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, columns);
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      target = self->focus_item < 0 ? next_item (self, -1, 1) : next_item (self, self->focus_item, -columns);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      target = next_item (self, -1, 1);
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      target = last_item (self);
      break;
    default:
      return FALSE;
    }
  /* at either end the keyboard stays where it is */
  if (target >= 0)
    set_focus_item (self, target);
  return TRUE;
}

int
seg_chart_view_get_focus_item (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), -1);
  return self->focus_item;
}

char *
seg_chart_view_dup_focus_text (SegChartView *self)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);

  if (!focus_hit (self, &hit))
    return NULL;
  return g_steal_pointer (&hit.tooltip);
}

gboolean
seg_chart_view_get_focus_point (SegChartView *self,
                                double       *x,
                                double       *y)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (!focus_hit (self, &hit))
    return FALSE;
  *x = hit.x;
  *y = hit.y;
  return TRUE;
}

const char *
seg_chart_view_get_description (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->description;
}

guint
seg_chart_view_get_n_cut_texts (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), 0);
  return self->n_cut;
}

guint
seg_chart_view_get_n_outside_texts (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), 0);
  return self->n_outside;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SegChartView          *self)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  const char *method;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Escape && self->focus_item >= 0)
    {
      set_focus_item (self, -1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      /* like a click: highlight the item's segment everywhere */
      method = seg_chart_view_get_effective_colour_by (self);
      if (method == NULL || !focus_hit (self, &hit) || hit.group < 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.highlight", "(si)", method, hit.group);
      return TRUE;
    }
  return seg_chart_view_move_focus (self, keyval);
}

static void
focus_leave_cb (SegChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- GtkWidget ------------------------------------------------------------------- */

static void
seg_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SegChartView *self = SEG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Look look;

  if (width <= 0 || height <= 0)
    return;
  if (self->result == NULL)
    {
      g_autofree char *text = placeholder_text (self);

      draw_placeholder (self, snapshot, width, height, text);
      return;
    }
  look_init_screen (self, &look);
  if (self->texture == NULL || !look_equal (&self->texture_look, &look, TRUE))
    {
      if (draws_inline (self))
        {
          RenderJob *job = render_job_new (self->kind, &look);

          cancel_pending (self);
          render_job_run (job, NULL, NULL);
          install (self, job);
          render_job_free (job);
        }
      else
        request_render (self, &look);
    }
  look_clear (&look);
  /* until the worker is done: the previous picture, stretched to the new size */
  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
  else
    draw_placeholder (self, snapshot, width, height, _("Drawing…"));
  if (gtk_widget_has_visible_focus (widget))
    draw_focus (self, snapshot, width, height);
}

static void
seg_chart_view_unmap (GtkWidget *widget)
{
  /* a hidden chart needs no picture yet; the next snapshot asks again */
  cancel_pending (SEG_CHART_VIEW (widget));
  GTK_WIDGET_CLASS (seg_chart_view_parent_class)->unmap (widget);
}

static gboolean
hit_test (SegChartView *self,
          double        x,
          double        y,
          SegChartHit  *hit)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  Look look;
  gboolean current;

  if (self->result == NULL || self->prepared == NULL || width <= 0 || height <= 0)
    return FALSE;
  /* the chart the picture was drawn from, laid out at today's size */
  look_init_screen (self, &look);
  current = look_equal (&self->texture_look, &look, FALSE);
  look_clear (&look);
  return current && seg_chart_prepared_hit_test (self->prepared, width, height, x, y, hit) &&
         hit->kind != SEG_CHART_HIT_NONE;
}

char *
seg_chart_view_dup_tooltip_at (SegChartView *self,
                               double        x,
                               double        y)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);

  if (!hit_test (self, x, y, &hit))
    return NULL;
  return g_steal_pointer (&hit.tooltip);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  if (keyboard)
    {
      if (!focus_hit (SEG_CHART_VIEW (widget), &hit) || hit.tooltip == NULL)
        return FALSE;
    }
  else if (!hit_test (SEG_CHART_VIEW (widget), x, y, &hit) || hit.tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, hit.tooltip);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit.x - 4, (int) hit.y - 4, 8, 8 });
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SegChartView    *self)
{
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  const char *method = seg_chart_view_get_effective_colour_by (self);

  if (n_press != 1 || method == NULL || !hit_test (self, x, y, &hit) || hit.group < 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.highlight", "(si)", method, hit.group);
}

static void
dark_changed_cb (SegChartView *self)
{
  changed (self);
}

static void
seg_chart_view_dispose (GObject *object)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  if (self->window)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  cancel_pending (self);
  G_OBJECT_CLASS (seg_chart_view_parent_class)->dispose (object);
}

static void
seg_chart_view_finalize (GObject *object)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  g_clear_pointer (&self->result, seg_result_unref);
  g_clear_pointer (&self->colour_by, g_free);
  g_clear_pointer (&self->feature, g_free);
  g_clear_pointer (&self->highlight_method, g_free);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->prepared, seg_chart_prepared_free);
  g_clear_pointer (&self->description, g_free);
  look_clear (&self->texture_look);
  G_OBJECT_CLASS (seg_chart_view_parent_class)->finalize (object);
}

static void
seg_chart_view_class_init (SegChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_chart_view_dispose;
  object_class->finalize = seg_chart_view_finalize;
  widget_class->snapshot = seg_chart_view_snapshot;
  widget_class->unmap = seg_chart_view_unmap;
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seg_chart_view_init (SegChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->scale = 1.0;
  self->focus_item = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  self->threshold = NAN;
  self->highlight = -1;
  self->sync_limit = DEFAULT_SYNC_LIMIT;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* --- public ------------------------------------------------------------------- */

GtkWidget *
seg_chart_view_new (SegChartKind kind)
{
  SegChartView *self = g_object_new (SEG_TYPE_CHART_VIEW, NULL);

  self->kind = kind;
  update_accessible_label (self, NULL);
  set_description (self, g_strdup (_("Analysing…")));
  return GTK_WIDGET (self);
}

SegChartKind
seg_chart_view_get_kind (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), SEG_CHART_KPIS);
  return self->kind;
}

void
seg_chart_view_set_result (SegChartView *self,
                           SegResult    *result)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  if (self->result == result)
    return;
  g_clear_pointer (&self->result, seg_result_unref);
  self->result = result ? seg_result_ref (result) : NULL;
  self->focus_item = -1;
  if (result == NULL)
    set_description (self, placeholder_text (self));
  changed (self);
}

SegResult *
seg_chart_view_get_result (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->result;
}

void
seg_chart_view_set_colour_by (SegChartView *self,
                              const char   *method)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  if (set_str (&self->colour_by, method))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_feature (SegChartView *self,
                            const char   *feature)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  if (set_str (&self->feature, feature))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_biplot (SegChartView *self,
                           gboolean      biplot)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  self->biplot = !!biplot;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_threshold (SegChartView *self,
                              double        threshold)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  self->threshold = threshold;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_scale (SegChartView *self,
                          double        scale)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  self->scale = scale >= 0 ? scale : 1.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_highlight (SegChartView *self,
                              const char   *method,
                              int           group)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  set_str (&self->highlight_method, method);
  self->highlight = group;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
seg_chart_view_set_sync_limit (SegChartView *self,
                               guint64       customers)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  self->sync_limit = customers;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
seg_chart_view_is_drawn (SegChartView *self)
{
  Look look;
  gboolean drawn;

  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), FALSE);

  if (self->result == NULL || self->texture == NULL)
    return FALSE;
  look_init_screen (self, &look);
  drawn = look_equal (&self->texture_look, &look, TRUE);
  look_clear (&look);
  return drawn;
}

GdkTexture *
seg_chart_view_get_texture (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->texture;
}

/* The light export look at @scale (exports look like printed reports);
 * @scale 0 = the style of seg_dashboard_export_all () for that size.
 * Exports leave the linked highlight out, like Export All. */
static void
look_init_export (SegChartView *self,
                  Look         *look,
                  int           width,
                  int           height,
                  double        scale)
{
  look_init (self, look, FALSE, scale, FALSE, width, height, 1);
  look->highlight = -1;
}

void
seg_chart_view_draw (SegChartView *self,
                     cairo_t      *cr,
                     double        width,
                     double        height,
                     double        scale)
{
  g_autoptr(SegChartPrepared) prepared = NULL;
  SegChartParams params;
  SegChartStyle style;
  Look look;

  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  look_init_export (self, &look, (int) width, (int) height, scale);
  look_style (&look, &style);
  if (self->result == NULL)
    draw_message (cr, width, height, &style, _("Analysing…"));
  else
    {
      look_params (&look, &params);
      prepared = seg_chart_prepare (self->kind, self->result, &params, &style);
      draw_prepared (prepared, cr, width, height, &style);
    }
  look_clear (&look);
}

static void
start_export (SegChartView        *self,
              const char          *path,
              SegChartFormat       format,
              int                  width,
              int                  height,
              double               scale,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RenderJob *job;
  Look look;

  g_task_set_source_tag (task, source_tag);
  if (self->result == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no analysis to export yet."));
      g_object_unref (task);
      return;
    }
  look_init_export (self, &look, width, height, scale);
  job = render_job_new (self->kind, &look);
  job->path = g_strdup (path);
  job->format = format;
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  render_in_background (task);
}

void
seg_chart_view_export_async (SegChartView        *self,
                             const char          *path,
                             SegChartFormat       format,
                             int                  width,
                             int                  height,
                             double               scale,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (width > 0 && height > 0);

  start_export (self, path, format, width, height, scale, cancellable, callback, user_data,
                seg_chart_view_export_async);
}

gboolean
seg_chart_view_export_finish (SegChartView  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
seg_chart_view_render_texture_async (SegChartView        *self,
                                     int                  width,
                                     int                  height,
                                     double               scale,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));
  g_return_if_fail (width > 0 && height > 0);

  start_export (self, NULL, SEG_CHART_FORMAT_PNG, width, height, scale, cancellable, callback, user_data,
                seg_chart_view_render_texture_async);
}

GdkTexture *
seg_chart_view_render_texture_finish (SegChartView  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  RenderJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&job->texture);
}

static void
window_result_cb (SegChartView *self)
{
  if (self->window)
    seg_chart_view_set_result (self, seg_window_get_result (self->window));
  /* the placeholder says why there is no chart */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
window_colour_by_cb (SegChartView *self)
{
  if (self->window && self->follow_colour_by)
    seg_chart_view_set_colour_by (self, seg_window_get_colour_by (self->window));
}

static void
window_highlight_cb (SegChartView *self)
{
  const char *method = NULL;
  int group;

  if (self->window == NULL)
    return;
  group = seg_window_get_highlight (self->window, &method);
  seg_chart_view_set_highlight (self, method, group);
}

void
seg_chart_view_bind_window (SegChartView *self,
                            SegWindow    *window,
                            gboolean      follow_colour_by)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));
  g_return_if_fail (SEG_IS_WINDOW (window));
  g_return_if_fail (self->window == NULL);

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->follow_colour_by = follow_colour_by;
  g_signal_connect_object (window, "notify::result", G_CALLBACK (window_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (window_colour_by_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::highlight", G_CALLBACK (window_highlight_cb), self, G_CONNECT_SWAPPED);
  window_result_cb (self);
  window_colour_by_cb (self);
  window_highlight_cb (self);
}
