/* seg-chart-view-render.c — a chart view's looks, drawn on any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A look is everything a picture of the chart depends on; a render job
 * builds the chart for a look and draws it into an image (the screen) or
 * a file (exports), on the one chart worker.
 */
#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "seg-chart-text.h"
#include "seg-chart-view-private.h"

/* --- style and parameters ------------------------------------------------------ */

/* The chart theme the desktop asks for: dark or light, and the
 * high-contrast one when the user turned high contrast on. */
SegChartTheme
seg_chart_view_desktop_theme (void)
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
  params->by_width = self->fit_width;
}

/* --- looks ------------------------------------------------------------------------ */

void
seg_chart_view_look_init (SegChartView *self,
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
  look->by_width = FALSE;
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
void
seg_chart_view_look_init_screen (SegChartView *self,
                  Look         *look)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  seg_chart_view_look_init (self, look, seg_chart_view_desktop_theme (), screen_scale (self, width, height), TRUE, width, height,
             gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  /* a view that grows with its size is a slide's */
  look->fill = self->scale <= 0;
  look->by_width = self->fit_width;
}

void
seg_chart_view_look_clear (Look *look)
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
gboolean
seg_chart_view_look_equal (const Look *a,
            const Look *b,
            gboolean    with_size)
{
  if (a->result != b->result || g_strcmp0 (a->colour_by, b->colour_by) != 0 ||
      g_strcmp0 (a->feature, b->feature) != 0 || a->biplot != b->biplot ||
      !same_double (a->threshold, b->threshold) || a->theme != b->theme ||
      a->scale != b->scale || a->highlight != b->highlight || a->card != b->card || a->fill != b->fill ||
      a->by_width != b->by_width)
    return FALSE;
  return !with_size || (a->width == b->width && a->height == b->height &&
                        a->scale_factor == b->scale_factor);
}

void
seg_chart_view_look_style (const Look    *look,
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
  params->by_width = look->by_width;
}

/* --- drawing (any thread) ------------------------------------------------------ */

void
seg_chart_view_draw_message (cairo_t             *cr,
              double               width,
              double               height,
              const SegChartStyle *style,
              const char          *text)
{
  PangoLayout *layout = seg_chart_text_layout (style, SEG_TEXT_BODY, text, width - 32);

  /* a reason is a sentence: wrap it rather than cut it short */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_single_paragraph_mode (layout, FALSE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  seg_chart_text_draw_layout (cr, layout, width / 2, height / 2, 0.5, 0.5, 0.0, style->muted);
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
    seg_chart_view_draw_message (cr, width, height, style, why ? why : _("Not available for this data"));
  else
    seg_chart_prepared_render (prepared, cr, width, height);
}

void
seg_chart_view_render_job_free (RenderJob *job)
{
  seg_chart_view_look_clear (&job->look);
  g_free (job->path);
  g_clear_object (&job->texture);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_pointer (&job->prepared, seg_chart_prepared_free);
  g_free (job->description);
  g_free (job);
}

/* Takes @look. */
RenderJob *
seg_chart_view_render_job_new (SegChartKind  kind,
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
gboolean
seg_chart_view_render_job_run (RenderJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  const Look *look = &job->look;
  SegChartParams params;
  SegChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  look_params (look, &params);
  seg_chart_view_look_style (look, &style);
  job->prepared = seg_dashboard_prepare (job->kind, look->result, &params, &style);
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
    guint before = seg_chart_text_get_n_ellipsized ();
    guint outside = seg_chart_text_get_n_outside ();

    draw_prepared (job->prepared, cr, look->width, look->height, &style);
    job->n_cut = seg_chart_text_get_n_ellipsized () - before;
    job->n_outside = seg_chart_text_get_n_outside () - outside;
  }
  cairo_destroy (cr);
  job->surface = cairo_surface_reference (surface);
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
      if (seg_chart_view_render_job_run (job, g_task_get_cancellable (task), &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
}

void
seg_chart_view_render_in_background (GTask *task)
{
  static GThreadPool *pool;

  /* exclusive: its thread, niced, is never lent to another pool */
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (render_thread, NULL, 1, TRUE, NULL));
  g_thread_pool_push (pool, task, NULL);
}

/* --- exports ------------------------------------------------------------------- */

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
  seg_chart_view_look_init (self, look, FALSE, scale, FALSE, width, height, 1);
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
  seg_chart_view_look_style (&look, &style);
  if (self->result == NULL)
    seg_chart_view_draw_message (cr, width, height, &style, _("Analysing…"));
  else
    {
      look_params (&look, &params);
      prepared = seg_dashboard_prepare (self->kind, self->result, &params, &style);
      draw_prepared (prepared, cr, width, height, &style);
    }
  seg_chart_view_look_clear (&look);
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
  job = seg_chart_view_render_job_new (self->kind, &look);
  job->path = g_strdup (path);
  job->format = format;
  g_task_set_task_data (task, job, (GDestroyNotify) seg_chart_view_render_job_free);
  seg_chart_view_render_in_background (task);
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
