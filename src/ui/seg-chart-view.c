/* seg-chart-view.c — one chart of the catalogue as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "seg-chart-text.h"
#include "seg-chart-view.h"
#include "seg-window.h"

struct _SegChartView
{
  GtkWidget     parent_instance;

  SegChartKind  kind;
  SegResult    *result;
  char         *colour_by;        /* as set, may be NULL */
  char         *feature;
  gboolean      biplot;
  double        threshold;        /* NAN = the model's */
  double        scale;
  char         *highlight_method;
  int           highlight;

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

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
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
}

static void
make_style (SegChartView  *self,
            SegChartStyle *style,
            gboolean       dark,
            double         scale)
{
  const char *method = seg_chart_view_get_effective_colour_by (self);

  seg_chart_style_init (style, dark ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT);
  style->scale = scale;
  if (self->highlight >= 0 && g_strcmp0 (method, self->highlight_method) == 0)
    style->highlight_group = self->highlight;
}

static void
on_card_style (SegChartStyle *style)
{
  /* The card draws the background; fading mixes towards the card's colour. */
  style->draw_background = FALSE;
  style->background = style->theme == SEG_CHART_THEME_DARK ? seg_rgba_from_hex (0x383838)
                                                          : seg_rgba_from_hex (0xFFFFFF);
}

static void
draw_unavailable (cairo_t             *cr,
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
render (SegChartView        *self,
        cairo_t             *cr,
        double               width,
        double               height,
        const SegChartStyle *style)
{
  SegChartParams params;
  g_autofree char *why = NULL;

  seg_chart_view_get_params (self, &params);
  if (self->result == NULL)
    {
      draw_unavailable (cr, width, height, style, _("Analysing…"));
      return;
    }
  if (!seg_chart_available (self->kind, self->result, &params, &why))
    {
      draw_unavailable (cr, width, height, style, why ? why : _("Not available for this data"));
      return;
    }
  seg_chart_render (self->kind, cr, width, height, self->result, &params, style);
}

void
seg_chart_view_draw (SegChartView *self,
                     cairo_t      *cr,
                     double        width,
                     double        height,
                     double        scale)
{
  SegChartStyle style;

  g_return_if_fail (SEG_IS_CHART_VIEW (self));

  make_style (self, &style, FALSE, scale);
  render (self, cr, width, height, &style);
}

/* --- GtkWidget ------------------------------------------------------------------- */

static void
seg_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SegChartView *self = SEG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SegChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  make_style (self, &style, is_dark (), self->scale);
  on_card_style (&style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  render (self, cr, width, height, &style);
  cairo_destroy (cr);
}

static gboolean
hit_test (SegChartView *self,
          double        x,
          double        y,
          SegChartHit  *hit)
{
  SegChartParams params;
  SegChartStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->result == NULL || width <= 0 || height <= 0)
    return FALSE;
  seg_chart_view_get_params (self, &params);
  if (!seg_chart_available (self->kind, self->result, &params, NULL))
    return FALSE;
  make_style (self, &style, is_dark (), self->scale);
  on_card_style (&style);
  return seg_chart_hit_test (self->kind, width, height, self->result, &params, &style, x, y, hit) &&
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

  if (keyboard || !hit_test (SEG_CHART_VIEW (widget), x, y, &hit) || hit.tooltip == NULL)
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
seg_chart_view_dispose (GObject *object)
{
  SegChartView *self = SEG_CHART_VIEW (object);

  if (self->window)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
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
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
seg_chart_view_init (SegChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->scale = 1.0;
  self->threshold = NAN;
  self->highlight = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* --- public ------------------------------------------------------------------- */

GtkWidget *
seg_chart_view_new (SegChartKind kind)
{
  SegChartView *self = g_object_new (SEG_TYPE_CHART_VIEW, NULL);

  self->kind = kind;
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  self->scale = scale > 0 ? scale : 1.0;
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

static void
window_result_cb (SegChartView *self)
{
  if (self->window)
    seg_chart_view_set_result (self, seg_window_get_result (self->window));
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
