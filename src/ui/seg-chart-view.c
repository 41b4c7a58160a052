/* seg-chart-view.c — one chart of the catalogue as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget: the cached image, the snapshot, hover and clicks, and the
 * setters.  The looks and the drawing are in seg-chart-view-render.c, the
 * keyboard and the accessible texts in seg-chart-view-keys.c.
 */
#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-text.h"
#include "seg-chart-view-private.h"

/* Charts of at most this many customers are drawn during the snapshot. */
#define DEFAULT_SYNC_LIMIT 2000

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

static void
install (SegChartView *self,
         RenderJob    *job)
{
  g_set_object (&self->texture, job->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->surface = g_steal_pointer (&job->surface);
  g_clear_pointer (&self->prepared, seg_chart_prepared_free);
  self->prepared = g_steal_pointer (&job->prepared);
  self->n_cut = job->n_cut;
  self->n_outside = job->n_outside;
  seg_chart_view_look_clear (&self->texture_look);
  self->texture_look = job->look;
  memset (&job->look, 0, sizeof job->look);
  seg_chart_view_set_description (self, g_steal_pointer (&job->description));
  if (self->focus_item < 0)
    seg_chart_view_update_accessible_label (self, NULL);
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

  if (self->pending != NULL && seg_chart_view_look_equal (&self->pending->look, look, TRUE))
    {
      seg_chart_view_look_clear (look);
      return;   /* already being drawn */
    }
  cancel_pending (self);
  job = seg_chart_view_render_job_new (self->kind, look);
  self->pending_cancellable = g_cancellable_new ();
  self->pending = job;
  task = g_task_new (self, self->pending_cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, request_render);
  g_task_set_task_data (task, job, (GDestroyNotify) seg_chart_view_render_job_free);
  seg_chart_view_render_in_background (task);
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

  seg_chart_view_look_init (self, &look, seg_chart_view_desktop_theme (), self->scale, TRUE, width, height, 1);
  seg_chart_view_look_style (&look, &style);
  seg_chart_view_look_clear (&look);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  seg_chart_view_draw_message (cr, width, height, &style, text);
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

/* GTK 4.8's cairo renderer copies a texture into a new image surface
 * every time it draws it: for a chart of 600×400, 1 MB of new memory (on
 * a virtual machine its page faults alone are a few milliseconds) in
 * every frame that repaints the chart.  There the picture goes in as a
 * cairo node that paints the chart's own image, which cairo reads in
 * place; the same pixels, as the texture node maps them.  Other
 * renderers keep the texture, which they upload once. */
static void
append_picture (SegChartView *self,
                GtkSnapshot  *snapshot,
                int           width,
                int           height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double sx, sy;
  cairo_t *cr;

  if (self->surface == NULL || renderer == NULL || !GSK_IS_CAIRO_RENDERER (renderer))
    {
      gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }
  /* as gsk_texture_node_draw (): the image's pixels onto the bounds */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pattern = cairo_pattern_create_for_surface (self->surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  /* the image's device scale is the window's scale factor */
  cairo_surface_get_device_scale (self->surface, &sx, &sy);
  cairo_matrix_init_scale (&matrix, cairo_image_surface_get_width (self->surface) / sx / width,
                           cairo_image_surface_get_height (self->surface) / sy / height);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_destroy (cr);
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
  seg_chart_view_look_init_screen (self, &look);
  if (self->texture == NULL || !seg_chart_view_look_equal (&self->texture_look, &look, TRUE))
    {
      if (draws_inline (self))
        {
          RenderJob *job = seg_chart_view_render_job_new (self->kind, &look);

          cancel_pending (self);
          seg_chart_view_render_job_run (job, NULL, NULL);
          install (self, job);
          seg_chart_view_render_job_free (job);
        }
      else
        request_render (self, &look);
    }
  seg_chart_view_look_clear (&look);
  /* until the worker is done: the previous picture, stretched to the new size */
  if (self->texture != NULL)
    append_picture (self, snapshot, width, height);
  else
    draw_placeholder (self, snapshot, width, height, _("Drawing…"));
  if (gtk_widget_has_visible_focus (widget))
    seg_chart_view_draw_focus (self, snapshot, width, height);
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
  seg_chart_view_look_init_screen (self, &look);
  current = seg_chart_view_look_equal (&self->texture_look, &look, FALSE);
  seg_chart_view_look_clear (&look);
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
      if (!seg_chart_view_focus_hit (SEG_CHART_VIEW (widget), &hit) || hit.tooltip == NULL)
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
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->prepared, seg_chart_prepared_free);
  g_clear_pointer (&self->description, g_free);
  seg_chart_view_look_clear (&self->texture_look);
  G_OBJECT_CLASS (seg_chart_view_parent_class)->finalize (object);
}

static GtkSizeRequestMode
seg_chart_view_get_request_mode (GtkWidget *widget)
{
  return SEG_CHART_VIEW (widget)->fit_width ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* A view that fits its width is as tall as its chart needs there; others
 * take the size their card gives them (gtk_widget_set_size_request ()). */
static void
seg_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SegChartView *self = SEG_CHART_VIEW (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL && self->fit_width && self->kind == SEG_CHART_KPIS &&
      for_size > 0)
    {
      SegChartStyle style;
      Look look;

      seg_chart_view_look_init (self, &look, seg_chart_view_desktop_theme (), self->scale > 0 ? self->scale : 1,
                                TRUE, for_size, 1, 1);
      seg_chart_view_look_style (&look, &style);
      seg_chart_view_look_clear (&look);
      *minimum = *natural = (int) ceil (seg_dashboard_kpis_height (&style, SEG_DASHBOARD_N_KPIS, for_size));
    }
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
  widget_class->get_request_mode = seg_chart_view_get_request_mode;
  widget_class->measure = seg_chart_view_measure;
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
  g_signal_connect (keys, "key-pressed", G_CALLBACK (seg_chart_view_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (seg_chart_view_focus_leave_cb), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (seg_chart_view_focus_leave_cb), self);
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
  seg_chart_view_update_accessible_label (self, NULL);
  seg_chart_view_set_description (self, g_strdup (_("Analysing…")));
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
    seg_chart_view_set_description (self, placeholder_text (self));
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
seg_chart_view_set_fit_width (SegChartView *self,
                              gboolean      fit)
{
  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  if (self->fit_width == !!fit)
    return;
  self->fit_width = !!fit;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  changed (self);
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
  seg_chart_view_look_init_screen (self, &look);
  drawn = seg_chart_view_look_equal (&self->texture_look, &look, TRUE);
  seg_chart_view_look_clear (&look);
  return drawn;
}

GdkTexture *
seg_chart_view_get_texture (SegChartView *self)
{
  g_return_val_if_fail (SEG_IS_CHART_VIEW (self), NULL);
  return self->texture;
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
